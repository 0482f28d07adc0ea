package io.tidewater.sink;

/**
 * One column of an entity table.
 *
 * @param name the snake_case column name
 * @param field the Avro field it holds
 * @param position the field's position in the Avro record
 * @param nullable whether the field is a {@code [null, X]} union
 */
record Column(Identifier name, String field, int position, ColumnType type, boolean nullable) {
    String definition() {
        return name.quoted() + " " + type.sqlType() + (nullable ? "" : " NOT NULL");
    }
}
