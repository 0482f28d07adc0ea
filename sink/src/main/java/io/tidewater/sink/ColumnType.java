package io.tidewater.sink;

/**
 * How one Avro field type is stored in Postgres: the column's type, and how a decoded Avro value
 * is spelled in Postgres' text input form (what {@code '...'::type} reads).
 */
interface ColumnType {
    /** The type as {@code format_type(oid, NULL)} prints it, so an existing column can be compared. */
    String sqlType();

    /** Appends the text input form of a non-null value. */
    void appendText(Object value, StringBuilder out);
}
