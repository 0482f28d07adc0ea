package io.tidewater.serdes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Strict reads of one field of a JSON object, shared by every JSON layout: a field of the
 * wrong JSON type is an error naming that field, never a silent coercion.
 */
final class JsonFields {
    static final ObjectMapper MAPPER = new ObjectMapper();

    static {
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxStringLength(WireLimits.MAX_DATA_HEX_CHARS + 16)
                .maxNestingDepth(8)
                .build());
    }

    private JsonFields() {
    }

    /** Parses one record value that must be a JSON object. */
    static JsonNode object(byte[] utf8) {
        String line = new String(utf8, StandardCharsets.UTF_8);
        JsonNode root;
        try {
            root = MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            throw new MalformedRecordException("$", line, "is not valid JSON (" + e.getOriginalMessage() + ")", e);
        }
        if (root == null || !root.isObject()) {
            throw new MalformedRecordException("$", line, "expected a JSON object");
        }
        return root;
    }

    static JsonNode required(JsonNode root, String field) {
        JsonNode v = root.get(field);
        if (v == null || v.isNull()) {
            throw new MalformedRecordException(field, null, "is required");
        }
        return v;
    }

    static boolean present(JsonNode root, String field) {
        JsonNode v = root.get(field);
        return v != null && !v.isNull();
    }

    static String text(JsonNode root, String field) {
        JsonNode v = required(root, field);
        if (!v.isTextual()) {
            throw new MalformedRecordException(field, v, "expected a string");
        }
        return v.textValue();
    }

    static long integer(JsonNode root, String field) {
        JsonNode v = required(root, field);
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw new MalformedRecordException(field, v, "expected an integer");
        }
        return v.longValue();
    }

    /** A JSON-RPC quantity: {@code 0x}-prefixed hex without leading zeros, as nodes send numbers. */
    static long quantity(JsonNode root, String field) {
        String s = text(root, field);
        if (s.length() < 3 || s.length() > 18 || s.charAt(0) != '0' || (s.charAt(1) != 'x' && s.charAt(1) != 'X')) {
            throw new MalformedRecordException(field, s, "expected a hex quantity such as 0x1b4");
        }
        long value = 0;
        for (int i = 2; i < s.length(); i++) {
            int digit = Character.digit(s.charAt(i), 16);
            if (digit < 0) {
                throw new MalformedRecordException(field, s, "expected a hex quantity such as 0x1b4");
            }
            value = value * 16 + digit;
        }
        if (value < 0) {
            throw new MalformedRecordException(field, s, "is out of 64-bit range");
        }
        return value;
    }

    /** A quantity either as hex ({@code 0x..}) or as a plain JSON integer. */
    static long quantityOrInteger(JsonNode root, String field) {
        JsonNode v = required(root, field);
        return v.isTextual() ? quantity(root, field) : integer(root, field);
    }

    static List<String> textArray(JsonNode root, String field) {
        JsonNode v = required(root, field);
        if (!v.isArray()) {
            throw new MalformedRecordException(field, v, "expected an array of strings");
        }
        List<String> out = new ArrayList<>(v.size());
        for (int i = 0; i < v.size(); i++) {
            JsonNode item = v.get(i);
            if (!item.isTextual()) {
                throw new MalformedRecordException(field + "[" + i + "]", item, "expected a string");
            }
            out.add(item.textValue());
        }
        return out;
    }

    static boolean bool(JsonNode root, String field) {
        JsonNode v = required(root, field);
        if (!v.isBoolean()) {
            throw new MalformedRecordException(field, v, "expected true or false");
        }
        return v.booleanValue();
    }
}
