package io.tidewater.sink;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Collectors;
import org.postgresql.PGConnection;
import org.postgresql.util.PSQLState;

/**
 * Writes one entity table's part of a batch inside the caller's transaction.
 *
 * <p>Upserts take the path that measured fastest (see the sink module's write-path
 * measurement): {@code COPY} into a session-local staging table, then one
 * {@code INSERT ... SELECT ... ON CONFLICT ("id") DO UPDATE}. The staging table has no
 * constraints, so only the real table's constraints can reject a row, and the error names it.
 * It is created once per session and emptied at every commit ({@code ON COMMIT DELETE ROWS});
 * a rolled-back attempt leaves nothing in it either. Deletes are one statement per batch:
 * {@code DELETE ... WHERE "id" = ANY(?)}.
 */
final class TableWriter {
    private final EntityTable table;
    private final String createStaging;
    private final String copy;
    private final String upsert;
    private final String delete;

    TableWriter(Identifier schema, EntityTable table) {
        this.table = table;
        String qualified = schema.quoted() + "." + table.name().quoted();
        String staging = "pg_temp." + Identifiers.staging(table.name()).quoted();
        String names = table.columns().stream().map(c -> c.name().quoted()).collect(Collectors.joining(", "));
        this.createStaging = "CREATE TEMP TABLE IF NOT EXISTS " + Identifiers.staging(table.name()).quoted() + " ("
                + table.columns().stream().map(c -> c.name().quoted() + " " + c.type().sqlType()).collect(Collectors.joining(", "))
                + ") ON COMMIT DELETE ROWS";
        this.copy = "COPY " + staging + " (" + names + ") FROM STDIN";
        String updates = table.columns().stream().filter(c -> !c.field().equals(EntityTable.ID))
                .map(c -> c.name().quoted() + " = EXCLUDED." + c.name().quoted()).collect(Collectors.joining(", "));
        this.upsert = "INSERT INTO " + qualified + " (" + names + ") SELECT " + names + " FROM " + staging
                + " ON CONFLICT (" + table.idColumn().name().quoted() + ") "
                + (updates.isEmpty() ? "DO NOTHING" : "DO UPDATE SET " + updates);
        this.delete = "DELETE FROM " + qualified + " WHERE " + table.idColumn().name().quoted() + " = ANY(?)";
    }

    EntityTable table() {
        return table;
    }

    int delete(Connection connection, List<String> ids) throws SQLException {
        if (ids.isEmpty()) {
            return 0;
        }
        try (PreparedStatement st = connection.prepareStatement(delete)) {
            Array array = connection.createArrayOf("text", ids.toArray());
            st.setArray(1, array);
            return st.executeUpdate();
        } catch (SQLException e) {
            throw new StepFailedException(table.name().name(), "deleting " + ids.size() + " rows", e);
        }
    }

    int upsert(Connection connection, byte[] rows, int count) throws SQLException {
        if (count == 0) {
            return 0;
        }
        String step = "copying " + count + " rows to staging";
        try {
            try (Statement st = connection.createStatement()) {
                st.execute(createStaging);
            }
            connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copy, new ByteArrayInputStream(rows));
            step = "upserting " + count + " rows";
            try (Statement st = connection.createStatement()) {
                return st.executeUpdate(upsert);
            }
        } catch (SQLException e) {
            throw new StepFailedException(table.name().name(), step, e);
        } catch (IOException e) {
            // Reading a byte array cannot fail; an IOException here is the socket.
            throw new StepFailedException(table.name().name(), step,
                    new SQLException(e.getMessage(), PSQLState.CONNECTION_FAILURE.getState(), e));
        }
    }
}
