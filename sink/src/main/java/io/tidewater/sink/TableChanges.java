package io.tidewater.sink;

import java.util.List;

/**
 * One table's part of a batch, ready to send: the ids to delete, the rows new to the table, and
 * the upserted rows. New rows go by a plain {@code COPY} into the table. Upserted rows take one
 * of two paths, chosen by {@link TableWriter#staged} for their number: a {@code COPY} into a
 * staging table ({@code staged}), or the {@code unnest} statement, bound column by column
 * ({@code upsertColumns}). What is rendered is kept, so that a retried attempt only repeats the
 * I/O.
 *
 * @param inserted the new rows; null when none
 * @param staged the upserted rows for a staging table; null unless that path is taken
 * @param upsertColumns one array per column, one value per row; null unless the {@code unnest} path is taken
 */
record TableChanges(TableWriter writer, List<String> deletes, CopyRows inserted, CopyRows staged, String[][] upsertColumns) {
    TableChanges {
        deletes = List.copyOf(deletes);
    }

    int inserts() {
        return inserted == null ? 0 : inserted.rows();
    }

    int upserts() {
        return staged != null ? staged.rows() : upsertColumns == null ? 0 : upsertColumns[0].length;
    }
}
