package io.tidewater.serdes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Typed reads of a log's event parameters, the same whether the log arrived decoded (values as
 * the producer sent them: strings, 64-bit integers, doubles, booleans) or raw and was decoded
 * from its ABI (integers as {@link BigInteger}, addresses and bytes as lowercase {@code 0x} hex,
 * arrays as lists, tuples as nested {@code Params}).
 *
 * <p>A parameter that is missing or of the wrong shape is a {@link MalformedRecordException}
 * naming {@code params.<name>}, so a bad uint256 string is reported as bad input, not as a
 * handler bug.
 */
public final class Params {
    private final Map<String, Object> values;
    private final String path;

    public Params(Map<String, Object> values) {
        this(values, "params");
    }

    private Params(Map<String, Object> values, String path) {
        this.values = Collections.unmodifiableMap(values);
        this.path = path;
    }

    public Map<String, Object> asMap() {
        return values;
    }

    public boolean has(String name) {
        return values.get(name) != null;
    }

    /** The value as held, or null: for handlers that inspect shapes themselves. */
    public Object get(String name) {
        return values.get(name);
    }

    public String string(String name) {
        Object v = required(name);
        if (!(v instanceof CharSequence s)) {
            throw new MalformedRecordException(field(name), v, "expected a string");
        }
        return s.toString();
    }

    /** A 20-byte hex address: lowercase when decoded from a raw log, as the producer sent it otherwise. */
    public String address(String name) {
        return WireLimits.address(field(name), string(name));
    }

    /** An integer of any width: a decoded intN/uintN, a decimal string, or a JSON integer. */
    public BigInteger bigInteger(String name) {
        Object v = required(name);
        if (v instanceof BigInteger b) {
            return b;
        }
        if (v instanceof Long l) {
            return BigInteger.valueOf(l);
        }
        if (v instanceof CharSequence s && WireLimits.isDecimal(s)) {
            return new BigInteger(s.toString());
        }
        throw new MalformedRecordException(field(name), v,
                "expected a decimal integer of at most " + WireLimits.MAX_BIG_INTEGER_DIGITS + " digits");
    }

    /** An integer that fits in 64 bits, in any of the forms {@link #bigInteger} takes. */
    public long longValue(String name) {
        Object v = required(name);
        if (v instanceof Long l) {
            return l;
        }
        if (v instanceof BigInteger || v instanceof CharSequence) {
            BigInteger b = bigInteger(name);
            if (b.bitLength() < 64) {
                return b.longValue();
            }
        }
        throw new MalformedRecordException(field(name), v, "expected a 64-bit integer");
    }

    public boolean bool(String name) {
        Object v = required(name);
        if (v instanceof Boolean b) {
            return b;
        }
        throw new MalformedRecordException(field(name), v, "expected a boolean");
    }

    /** bytes or bytesN (or an indexed dynamic value's 32-byte hash), from its {@code 0x} hex. */
    public byte[] bytes(String name) {
        String hex = string(name);
        try {
            return Hex.decode(hex);
        } catch (IllegalArgumentException e) {
            throw new MalformedRecordException(field(name), hex, "expected 0x-prefixed hex bytes (" + e.getMessage() + ")");
        }
    }

    /** An array: its elements as this class holds values (see the class comment). */
    public List<Object> list(String name) {
        Object v = required(name);
        if (v instanceof List<?> l) {
            return Collections.unmodifiableList(l);
        }
        throw new MalformedRecordException(field(name), v, "expected an array");
    }

    /** A tuple (struct), its components by name. */
    public Params tuple(String name) {
        Object v = required(name);
        if (v instanceof Params p) {
            return new Params(p.values, field(name));
        }
        throw new MalformedRecordException(field(name), v, "expected a tuple");
    }

    /**
     * The value as JSON text: integers as decimal strings (so no reader loses precision), arrays
     * as arrays, tuples as objects by component name. How arrays and tuples reach a text column.
     */
    public String json(String name) {
        return toJson(required(name)).toString();
    }

    private static JsonNode toJson(Object v) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (v == null) {
            return f.nullNode();
        }
        if (v instanceof Boolean b) {
            return f.booleanNode(b);
        }
        if (v instanceof BigInteger || v instanceof Long || v instanceof BigDecimal) {
            return f.textNode(v instanceof BigDecimal d ? d.toPlainString() : v.toString());
        }
        if (v instanceof Double d) {
            return f.numberNode(d);
        }
        if (v instanceof List<?> list) {
            ArrayNode out = f.arrayNode();
            list.forEach(item -> out.add(toJson(item)));
            return out;
        }
        if (v instanceof Params p) {
            ObjectNode out = f.objectNode();
            p.values.forEach((k, item) -> out.set(k, toJson(item)));
            return out;
        }
        return f.textNode(v.toString());
    }

    private Object required(String name) {
        Object v = values.get(name);
        if (v == null) {
            throw new MalformedRecordException(field(name), null, "is required by the handler");
        }
        return v;
    }

    private String field(String name) {
        return path + "." + name;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Params other && values.equals(other.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
