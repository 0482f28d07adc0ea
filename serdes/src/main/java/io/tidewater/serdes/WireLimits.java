package io.tidewater.serdes;

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
    /** An event has at most three indexed parameters, plus topic 0. */
    public static final int MAX_TOPICS = 4;
    /** Largest raw log data accepted, in bytes; the hex form is twice that plus {@code 0x}. */
    public static final int MAX_DATA_BYTES = 64 * 1024;
    public static final int MAX_DATA_HEX_CHARS = 2 + 2 * MAX_DATA_BYTES;
    /** A producer that does not know a log's block timestamp sends this; the block record gives it. */
    public static final long UNKNOWN_TIMESTAMP = -1;

    private static final int HASH_DIGITS = 64;
    private static final int ADDRESS_DIGITS = 40;
    private static final int MAX_EVENT_NAME_CHARS = 128;

    private WireLimits() {
    }

    public static long nonNegative(String field, long value) {
        if (value < 0) {
            throw new MalformedRecordException(field, value, "expected a non-negative integer");
        }
        return value;
    }

    public static String hash(String field, String value) {
        if (value == null || !isHex(value, HASH_DIGITS)) {
            throw new MalformedRecordException(field, value, "expected a 32-byte hex hash (0x + 64 hex digits)");
        }
        return value;
    }

    public static String topic(String field, String value) {
        if (value == null || !isHex(value, HASH_DIGITS)) {
            throw new MalformedRecordException(field, value, "expected a 32-byte hex topic (0x + 64 hex digits)");
        }
        return value;
    }

    public static long timestamp(String field, long value) {
        if (value < UNKNOWN_TIMESTAMP) {
            throw new MalformedRecordException(field, value, "expected seconds since the epoch, or -1 when unknown");
        }
        return value;
    }

    public static String address(String field, String value) {
        if (value == null || !isHex(value, ADDRESS_DIGITS)) {
            throw new MalformedRecordException(field, value, "expected a 20-byte hex address (0x + 40 hex digits)");
        }
        return value;
    }

    public static String eventName(String field, String value) {
        if (value == null || !isEventName(value)) {
            throw new MalformedRecordException(field, value, "expected an event name (letters, digits, underscore)");
        }
        return value;
    }

    /**
     * Whether {@code s} is a decimal integer of at most {@link #MAX_BIG_INTEGER_DIGITS} digits,
     * with an optional minus sign.
     */
    public static boolean isDecimal(CharSequence s) {
        int start = s.length() > 0 && s.charAt(0) == '-' ? 1 : 0;
        int digits = s.length() - start;
        if (digits < 1 || digits > MAX_BIG_INTEGER_DIGITS) {
            return false;
        }
        for (int i = start; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    // Hand-written rather than regular expressions: these run several times per input record.
    private static boolean isHex(String s, int digits) {
        if (s.length() != digits + 2 || s.charAt(0) != '0' || s.charAt(1) != 'x') {
            return false;
        }
        for (int i = 2; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isEventName(String s) {
        if (s.isEmpty() || s.length() > MAX_EVENT_NAME_CHARS) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean letter = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
            if (!letter && (i == 0 || c < '0' || c > '9')) {
                return false;
            }
        }
        return true;
    }

    public static String boundedString(String field, String value) {
        if (value != null && value.length() > MAX_STRING_CHARS) {
            throw new MalformedRecordException(field, value, "is longer than " + MAX_STRING_CHARS + " characters");
        }
        return value;
    }
}
