package io.tidewater.sink;

import java.util.List;

/**
 * One table's part of a batch, ready to send: the ids to delete, and the upserted rows already
 * rendered column by column, so that a retried attempt only repeats the I/O.
 *
 * @param upsertColumns one array per column, each {@code upserts} long
 */
record TableChanges(TableWriter writer, List<String> deletes, String[][] upsertColumns, int upserts) {
    TableChanges {
        deletes = List.copyOf(deletes);
    }
}
