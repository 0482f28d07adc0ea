package io.tidewater.serdes;

/**
 * An input record that cannot be indexed: it names the offending field and value so the
 * dead-letter record tells a producer exactly what to fix.
 */
public class MalformedRecordException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private static final int MAX_VALUE_CHARS = 120;

    private final String field;
    private final String value;

    public MalformedRecordException(String field, Object value, String problem) {
        super(describe(field, value, problem));
        this.field = field;
        this.value = value == null ? null : abbreviate(String.valueOf(value));
    }

    public MalformedRecordException(String field, Object value, String problem, Throwable cause) {
        this(field, value, problem);
        initCause(cause);
    }

    /** The JSON path or Avro field at fault, e.g. {@code params.value}; {@code $} for the whole record. */
    public String field() {
        return field;
    }

    /** The offending value, abbreviated; null when the field is missing. */
    public String value() {
        return value;
    }

    private static String describe(String field, Object value, String problem) {
        String shown = value == null ? "nothing" : "'" + abbreviate(String.valueOf(value)) + "'";
        return "field '" + field + "': " + problem + ", got " + shown;
    }

    private static String abbreviate(String s) {
        return s.length() <= MAX_VALUE_CHARS ? s : s.substring(0, MAX_VALUE_CHARS) + "…(" + s.length() + " chars)";
    }
}
