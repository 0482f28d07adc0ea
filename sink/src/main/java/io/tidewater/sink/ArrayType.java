package io.tidewater.sink;

import java.util.Collection;

/** An Avro array of a primitive, stored as a Postgres array ({@code text[]}, {@code numeric[]}...). */
record ArrayType(ScalarType element) implements ColumnType {
    @Override
    public String sqlType() {
        return element.sqlType() + "[]";
    }

    /** Every element is quoted, which is valid for all element types and needs no per-type rules. */
    @Override
    public void appendText(Object value, StringBuilder out) {
        out.append('{');
        StringBuilder item = new StringBuilder();
        boolean first = true;
        for (Object e : (Collection<?>) value) {
            if (!first) {
                out.append(',');
            }
            first = false;
            if (e == null) {
                out.append("NULL");
                continue;
            }
            item.setLength(0);
            element.appendText(e, item);
            out.append('"');
            for (int i = 0; i < item.length(); i++) {
                char c = item.charAt(i);
                if (c == '"' || c == '\\') {
                    out.append('\\');
                }
                out.append(c);
            }
            out.append('"');
        }
        out.append('}');
    }
}
