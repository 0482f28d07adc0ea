package io.tidewater.sink;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.avro.generic.GenericRecord;

/**
 * For {@link WritePathMeasurement} only: renders records as the rows of {@code COPY ... FROM STDIN} in text format: one line per row,
 * columns separated by tabs, {@code \N} for null, and backslash escapes for the characters the
 * format reserves.
 */
final class CopyRows {
    private final List<Column> columns;
    private final StringBuilder rows = new StringBuilder(4096);
    private final StringBuilder value = new StringBuilder(64);
    private int count;

    CopyRows(List<Column> columns) {
        this.columns = columns;
    }

    void add(GenericRecord record) {
        for (int i = 0; i < columns.size(); i++) {
            if (i > 0) {
                rows.append('\t');
            }
            Column column = columns.get(i);
            Object v = record.get(column.position());
            if (v == null) {
                rows.append("\\N");
                continue;
            }
            value.setLength(0);
            column.type().appendText(v, value);
            escapeInto(value, rows);
        }
        rows.append('\n');
        count++;
    }

    int count() {
        return count;
    }

    byte[] toBytes() {
        return rows.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void escapeInto(CharSequence text, StringBuilder out) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append(c);
            }
        }
    }
}
