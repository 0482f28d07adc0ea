package io.tidewater.sink;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.generic.GenericRecord;

/**
 * Collects a table's upserted rows column by column, each value in Postgres' text input form,
 * ready to bind as one {@code text[]} parameter per column of the {@code unnest} upsert.
 */
final class ColumnValues {
    private final List<Column> columns;
    private final List<List<String>> values;
    private final StringBuilder text = new StringBuilder(64);

    ColumnValues(List<Column> columns) {
        this.columns = columns;
        this.values = new ArrayList<>(columns.size());
        for (int i = 0; i < columns.size(); i++) {
            values.add(new ArrayList<>());
        }
    }

    void add(GenericRecord record) {
        for (int i = 0; i < columns.size(); i++) {
            Column column = columns.get(i);
            Object v = record.get(column.position());
            String rendered = null;
            if (v != null) {
                text.setLength(0);
                column.type().appendText(v, text);
                rendered = text.toString();
            }
            values.get(i).add(rendered);
        }
    }

    int rows() {
        return values.isEmpty() ? 0 : values.get(0).size();
    }

    /** One array per column, in column order; null elements are SQL NULLs. */
    String[][] toArrays() {
        String[][] arrays = new String[values.size()][];
        for (int i = 0; i < values.size(); i++) {
            arrays[i] = values.get(i).toArray(new String[0]);
        }
        return arrays;
    }
}
