package io.tidewater.serdes;

import java.util.regex.Pattern;

/**
 * Shape checks shared by the JSON and Avro decoders, so both forms reject the same records
 * with the same words.
 */
public final class WireLimits {
    /** A uint256 has at most 78 decimal digits; a sign makes 79. */
    public static final int MAX_BIG_INTEGER_DIGITS = 78;
    /** Longest string accepted in any field; protects the stores from oversized values. */
    public static final int MAX_STRING_CHARS = 4096;
    public static final int MAX_PARAMS = 64;

    private static final Pattern HASH = Pattern.compile("0x[0-9a-fA-F]{64}");
    private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");
    private static final Pattern EVENT_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");

    private WireLimits() {
    }

    public static long nonNegative(String field, long value) {
        if (value < 0) {
            throw new MalformedRecordException(field, value, "expected a non-negative integer");
        }
        return value;
    }

    public static String hash(String field, String value) {
        if (value == null || !HASH.matcher(value).matches()) {
            throw new MalformedRecordException(field, value, "expected a 32-byte hex hash (0x + 64 hex digits)");
        }
        return value;
    }

    public static String address(String field, String value) {
        if (value == null || !ADDRESS.matcher(value).matches()) {
            throw new MalformedRecordException(field, value, "expected a 20-byte hex address (0x + 40 hex digits)");
        }
        return value;
    }

    public static String eventName(String field, String value) {
        if (value == null || !EVENT_NAME.matcher(value).matches()) {
            throw new MalformedRecordException(field, value, "expected an event name (letters, digits, underscore)");
        }
        return value;
    }

    public static String boundedString(String field, String value) {
        if (value != null && value.length() > MAX_STRING_CHARS) {
            throw new MalformedRecordException(field, value, "is longer than " + MAX_STRING_CHARS + " characters");
        }
        return value;
    }
}
