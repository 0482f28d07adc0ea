package io.tidewater.sink;

import java.util.List;

/**
 * One table's part of a batch, ready to send: ids to delete, and the upserted rows already
 * rendered for COPY, so that a retried attempt only repeats the I/O.
 */
record TableChanges(TableWriter writer, List<String> deletes, byte[] upsertRows, int upserts) {
    TableChanges {
        deletes = List.copyOf(deletes);
    }
}
