package io.tidewater.sink;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import org.postgresql.PGConnection;

/**
 * Writes one entity table's part of a batch inside the caller's transaction.
 *
 * <p>Rows new to the table ({@code EntityChange#created}) are a plain {@code COPY} into it:
 * Postgres' cheapest way in, with no staging table and no conflict to look for. A row that was
 * there after all fails it with 23505, reported as {@link CreatedRowExistsException}.
 *
 * <p>Upserts take one of two paths, both ending in the same {@code ON CONFLICT ("id") DO UPDATE}
 * from rows in Postgres' text input form, so they store the same values:
 * <ul>
 * <li><b>Staged</b>, for parts of at least {@link #STAGE_MIN_ROWS} rows: a temporary table
 * created in the transaction ({@code ON COMMIT DROP}, so nothing outlives it and transaction
 * pooling is safe), filled by {@code COPY ... FROM STDIN} from rows rendered as it reads them ({@link CopyRows}),
 * then {@code INSERT ... SELECT ... FROM} it. Profiled on the ERC20 Transfer table in batches of
 * 10,000 (BENCHMARKS.md), Postgres spends about half the CPU per row that {@code unnest} costs
 * (COPY parses rows cheaply and fills a table that writes no WAL; {@code unnest} parses one
 * huge array literal per column and materializes the rows), and the client no longer builds
 * array literals.
 * <li><b>{@code unnest}</b>, for smaller parts, where creating the temporary table would cost more
 * than it saves: one statement, {@code INSERT ... SELECT u."c"::type, ... FROM unnest(?::text[], ...)
 * AS u(...) ON CONFLICT ...}, each column bound as one text-array literal ({@link TextArrayLiteral}).
 * </ul>
 * Staging needs the {@code TEMPORARY} privilege on the database; without it every part takes
 * the {@code unnest} path. Deletes are one statement, a join with the ids:
 * {@code DELETE ... USING unnest(?::text[])}. Not {@code WHERE "id" = ANY(?)}: a generic plan
 * the server cached while the table was small keeps a sequential scan that tests every row
 * against the whole array, unhashed. 5,000 ids in a table grown to 100,000 rows took 5.5 s that
 * way (the join: 19 ms), and a 1-block rollback of 10,000 entities took 12 s to reach Postgres.
 */
final class TableWriter {
    /** Parts with fewer upserted rows take the {@code unnest} path. */
    static final int STAGE_MIN_ROWS = 1_000;
    private static final String UNIQUE_VIOLATION = "23505";

    private final EntityTable table;
    private final String upsert;
    private final String delete;
    private final String createStage;
    private final String copyStage;
    private final String copyInsert;
    private final String upsertFromStage;
    private final int stageMinRows;

    TableWriter(Identifier schema, EntityTable table, int ordinal) {
        this(schema, table, ordinal, STAGE_MIN_ROWS);
    }

    /** @param ordinal distinguishes this table's staging table from the others' in one transaction */
    TableWriter(Identifier schema, EntityTable table, int ordinal, int stageMinRows) {
        this.table = table;
        this.stageMinRows = stageMinRows;
        String qualified = schema.quoted() + "." + table.name().quoted();
        String names = table.columns().stream().map(c -> c.name().quoted()).collect(Collectors.joining(", "));
        String casts = table.columns().stream().map(c -> "u." + c.name().quoted() + "::" + c.type().sqlType())
                .collect(Collectors.joining(", "));
        String arrays = String.join(", ", Collections.nCopies(table.columns().size(), "?::text[]"));
        String updates = table.columns().stream().filter(c -> !c.field().equals(EntityTable.ID))
                .map(c -> c.name().quoted() + " = EXCLUDED." + c.name().quoted()).collect(Collectors.joining(", "));
        String conflict = " ON CONFLICT (" + table.idColumn().name().quoted() + ") "
                + (updates.isEmpty() ? "DO NOTHING" : "DO UPDATE SET " + updates);
        this.upsert = "INSERT INTO " + qualified + " (" + names + ") SELECT " + casts + " FROM unnest(" + arrays + ") AS u("
                + names + ")" + conflict;
        this.delete = "DELETE FROM " + qualified + " AS t USING unnest(?::text[]) AS gone(id) WHERE t."
                + table.idColumn().name().quoted() + " = gone.id";
        // Unquoted and ASCII, so it never depends on the entity's name; pg_temp never resolves to
        // a permanent table of the same name.
        String stage = "pg_temp.tidewater_stage_" + ordinal;
        this.createStage = "CREATE TEMPORARY TABLE tidewater_stage_" + ordinal + " (" + table.columns().stream()
                .map(c -> c.name().quoted() + " " + c.type().sqlType()).collect(Collectors.joining(", ")) + ") ON COMMIT DROP";
        this.copyStage = "COPY " + stage + " (" + names + ") FROM STDIN";
        this.copyInsert = "COPY " + qualified + " (" + names + ") FROM STDIN";
        this.upsertFromStage = "INSERT INTO " + qualified + " (" + names + ") SELECT " + names + " FROM " + stage + conflict;
    }

    /** Whether a part of this many upserted rows takes the staged path. */
    boolean staged(int rows) {
        return rows >= stageMinRows;
    }

    EntityTable table() {
        return table;
    }

    int delete(Connection connection, List<String> ids) throws SQLException {
        if (ids.isEmpty()) {
            return 0;
        }
        try (PreparedStatement st = connection.prepareStatement(delete)) {
            st.setString(1, TextArrayLiteral.of(ids.toArray(new String[0])));
            return st.executeUpdate();
        } catch (SQLException e) {
            throw new StepFailedException(table.name().name(), "deleting " + ids.size() + " rows", e);
        }
    }

    int insert(Connection connection, TableChanges changes) throws SQLException {
        if (changes.inserts() == 0) {
            return 0;
        }
        try {
            return copy(connection, copyInsert, changes.inserted());
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw new CreatedRowExistsException(table.name().name(), e);
            }
            throw new StepFailedException(table.name().name(), "inserting " + changes.inserts() + " new rows", e);
        }
    }

    int upsert(Connection connection, TableChanges changes) throws SQLException {
        if (changes.upserts() == 0) {
            return 0;
        }
        return changes.staged() != null ? upsertStaged(connection, changes.staged())
                : upsert(connection, changes.upsertColumns(), changes.upserts());
    }

    private int upsert(Connection connection, String[][] columns, int rows) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement(upsert)) {
            for (int i = 0; i < columns.length; i++) {
                st.setString(i + 1, TextArrayLiteral.of(columns[i]));
            }
            return st.executeUpdate();
        } catch (SQLException e) {
            throw new StepFailedException(table.name().name(), "upserting " + rows + " rows", e);
        }
    }

    private int upsertStaged(Connection connection, CopyRows rows) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute(createStage);
            copy(connection, copyStage, rows);
            return st.executeUpdate(upsertFromStage);
        } catch (SQLException e) {
            throw new StepFailedException(table.name().name(), "upserting " + rows.rows() + " rows", e);
        }
    }

    private int copy(Connection connection, String sql, CopyRows rows) throws SQLException {
        long copied;
        try {
            copied = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql, rows.open(), CopyRows.CHUNK_BYTES);
        } catch (IOException e) {
            // The rows' stream does not throw it; pgjdbc reports a broken connection as SQLException.
            throw new IllegalStateException("table \"" + table.name().name() + "\": cannot read the rows to copy", e);
        }
        if (copied != rows.rows()) {
            throw new IllegalStateException("table \"" + table.name().name() + "\": COPY took " + copied + " rows, not " + rows.rows());
        }
        return rows.rows();
    }
}
