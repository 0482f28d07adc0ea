package io.tidewater.serdes;

import java.math.BigInteger;
import java.util.Collections;
import java.util.Map;

/**
 * Typed reads of a log's event parameters. A parameter that is missing or of the wrong shape
 * is a {@link MalformedRecordException} naming {@code params.<name>}, so a bad uint256 string
 * is reported as bad input, not as a handler bug.
 */
public final class Params {

    private final Map<String, Object> values;

    public Params(Map<String, Object> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    public Map<String, Object> asMap() {
        return values;
    }

    public boolean has(String name) {
        return values.get(name) != null;
    }

    public String string(String name) {
        Object v = required(name);
        if (!(v instanceof CharSequence s)) {
            throw new MalformedRecordException(field(name), v, "expected a string");
        }
        return s.toString();
    }

    /** A 20-byte hex address, as the producer sent it. */
    public String address(String name) {
        return WireLimits.address(field(name), string(name));
    }

    /** A big integer sent as a decimal string (or a JSON integer when it fits in 64 bits). */
    public BigInteger bigInteger(String name) {
        Object v = required(name);
        if (v instanceof Long l) {
            return BigInteger.valueOf(l);
        }
        if (v instanceof CharSequence s && WireLimits.isDecimal(s)) {
            return new BigInteger(s.toString());
        }
        throw new MalformedRecordException(field(name), v,
                "expected a decimal integer of at most " + WireLimits.MAX_BIG_INTEGER_DIGITS + " digits");
    }

    public long longValue(String name) {
        Object v = required(name);
        if (v instanceof Long l) {
            return l;
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

    private Object required(String name) {
        Object v = values.get(name);
        if (v == null) {
            throw new MalformedRecordException(field(name), null, "is required by the handler");
        }
        return v;
    }

    private static String field(String name) {
        return "params." + name;
    }
}
