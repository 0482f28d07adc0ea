package io.tidewater.topology.internals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.serdes.MalformedRecordException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Builds dead-letter values: a JSON object with the category, the reason, where the record
 * came from, and the original payload, so an operator can fix and replay it.
 */
final class DeadLetters {
    static final String MALFORMED = "malformed";
    static final String HANDLER_FAILED = "handler-failed";
    static final String KEY_MISMATCH = "key-mismatch";
    static final String UNDECODABLE = "undecodable";

    private final ObjectMapper mapper = new ObjectMapper();

    /** Where a dead record sat in the input and, when known, on its chain. */
    record Origin(String topic, int partition, long offset, Long chainId, Long block, Long logIndex) {
    }

    byte[] value(String category, String reason, Throwable cause, Origin origin, byte[] payload) {
        ObjectNode out = mapper.createObjectNode();
        out.put("category", category);
        out.put("reason", reason);
        if (cause instanceof UndecodableLogException u) {
            out.put("signature", u.signature());
        } else if (cause instanceof MalformedRecordException m) {
            out.put("field", m.field());
            out.put("value", m.value());
        } else if (cause != null) {
            out.put("exception", cause.getClass().getName());
        }
        out.put("topic", origin.topic());
        out.put("partition", origin.partition());
        out.put("offset", origin.offset());
        if (origin.chainId() != null) {
            out.put("chainId", origin.chainId());
        }
        if (origin.block() != null) {
            out.put("blockNumber", origin.block());
        }
        if (origin.logIndex() != null) {
            out.put("logIndex", origin.logIndex());
        }
        String text = payload == null ? null : utf8OrNull(payload);
        if (text != null) {
            out.put("payload", text);
        } else if (payload != null) {
            out.put("payloadBase64", Base64.getEncoder().encodeToString(payload));
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String utf8OrNull(byte[] bytes) {
        try {
            String s = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
            return s.chars().allMatch(c -> c >= 0x20 || c == '\n' || c == '\r' || c == '\t') ? s : null;
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
