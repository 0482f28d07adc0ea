package io.tidewater.sink;

import java.sql.SQLException;

/**
 * A row inserted as new was already there (SQLSTATE 23505 on the plain {@code COPY}). Not an
 * error of the data: the created flag is a hint ({@code EntityChange#created}), wrong after a
 * batch replayed past a crash or when two partitions write one id. The writer rolls the
 * transaction back and writes the batch again with upserts only.
 */
final class CreatedRowExistsException extends SQLException {
    private static final long serialVersionUID = 1L;

    CreatedRowExistsException(String table, SQLException cause) {
        super("table \"" + table + "\": a row inserted as new exists: " + StepFailedException.postgresMessage(cause),
                cause.getSQLState(), cause);
    }
}
