package io.tidewater.sink;

import java.util.List;

/**
 * One table's part of a batch, ready to send: the ids to delete, and the upserted rows already
 * rendered, so that a retried attempt only repeats the I/O. The rows are rendered one of two
 * ways, chosen by {@link TableWriter#staged} for their number: as COPY text for a staging table
 * ({@code copyRows}), or column by column for the {@code unnest} statement ({@code upsertColumns}).
 *
 * @param upsertColumns one array per column, each {@code upserts} long; null when staged
 * @param copyRows the rows as {@code COPY} text ({@link CopyText}) in its first {@code copyLength} bytes; null unless staged
 */
record TableChanges(TableWriter writer, List<String> deletes, String[][] upsertColumns, byte[] copyRows, int copyLength,
        int upserts) {
    TableChanges {
        deletes = List.copyOf(deletes);
    }
}
