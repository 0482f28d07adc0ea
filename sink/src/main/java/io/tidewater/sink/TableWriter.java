package io.tidewater.sink;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Writes one entity table's part of a batch inside the caller's transaction.
 *
 * <p>Upserts take the path that measured fastest for the batch sizes the indexer cuts (see
 * {@code WritePathMeasurement} in the tests): one statement,
 * {@code INSERT ... SELECT u."c"::type, ... FROM unnest(?::text[], ...) AS u(...)
 * ON CONFLICT ("id") DO UPDATE}, with each column bound as one array of values in Postgres'
 * text form. It needs one round trip per table, keeps no state in the session (unlike a COPY
 * staging table, which also breaks under transaction pooling), and array columns go through the
 * same cast. The arrays are bound as literals ({@link TextArrayLiteral}), not through
 * {@code createArrayOf}, which costs more CPU than the statement itself. Deletes are one statement: {@code DELETE ... WHERE "id" = ANY(?)}.
 */
final class TableWriter {
    private final EntityTable table;
    private final String upsert;
    private final String delete;

    TableWriter(Identifier schema, EntityTable table) {
        this.table = table;
        String qualified = schema.quoted() + "." + table.name().quoted();
        String names = table.columns().stream().map(c -> c.name().quoted()).collect(Collectors.joining(", "));
        String casts = table.columns().stream().map(c -> "u." + c.name().quoted() + "::" + c.type().sqlType())
                .collect(Collectors.joining(", "));
        String arrays = String.join(", ", Collections.nCopies(table.columns().size(), "?::text[]"));
        String updates = table.columns().stream().filter(c -> !c.field().equals(EntityTable.ID))
                .map(c -> c.name().quoted() + " = EXCLUDED." + c.name().quoted()).collect(Collectors.joining(", "));
        this.upsert = "INSERT INTO " + qualified + " (" + names + ") SELECT " + casts + " FROM unnest(" + arrays + ") AS u("
                + names + ") ON CONFLICT (" + table.idColumn().name().quoted() + ") "
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

    int upsert(Connection connection, String[][] columns, int rows) throws SQLException {
        if (rows == 0) {
            return 0;
        }
        try (PreparedStatement st = connection.prepareStatement(upsert)) {
            for (int i = 0; i < columns.length; i++) {
                st.setString(i + 1, TextArrayLiteral.of(columns[i]));
            }
            return st.executeUpdate();
        } catch (SQLException e) {
            throw new StepFailedException(table.name().name(), "upserting " + rows + " rows", e);
        }
    }
}
