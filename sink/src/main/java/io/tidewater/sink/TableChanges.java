package io.tidewater.sink;

import java.util.List;

/**
 * One table's part of a batch, ready to send: the ids to delete, the rows new to the table, and
 * the upserted rows, already rendered, so that a retried attempt only repeats the I/O. New rows
 * are {@code COPY} text ({@link CopyText}) for a plain {@code COPY} into the table. Upserted rows
 * are rendered one of two ways, chosen by {@link TableWriter#staged} for their number: as COPY
 * text for a staging table ({@code copyRows}), or column by column for the {@code unnest}
 * statement ({@code upsertColumns}).
 *
 * @param insertRows the new rows as COPY text in its first {@code insertLength} bytes; null when none
 * @param upsertColumns one array per column, each {@code upserts} long; null when staged
 * @param copyRows the rows as {@code COPY} text ({@link CopyText}) in its first {@code copyLength} bytes; null unless staged
 */
record TableChanges(TableWriter writer, List<String> deletes, byte[] insertRows, int insertLength, int inserts,
        String[][] upsertColumns, byte[] copyRows, int copyLength, int upserts) {
    TableChanges {
        deletes = List.copyOf(deletes);
    }
}
