package io.tidewater.sink;

import io.tidewater.topology.api.EntityDefinition;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the database match the indexer's entities, at startup.
 *
 * <p>Construction validates everything that needs no database: each entity maps to one table
 * (snake_case of its name) with one column per field (snake_case, always quoted), every name is
 * a valid identifier of at most 63 bytes, no two map to the same name, and every field type has
 * a column type. {@link #apply} then, in one transaction: creates missing tables, their indexes
 * and Tidewater's own tables; adds a nullable column per new field; and refuses, with every
 * offending table and column named, a change it cannot make safely (a changed type, a
 * nullable field over a NOT NULL column, a NOT NULL column the entity no longer has, a missing
 * or non-unique {@code id}). Nothing is applied when anything is refused.
 */
public final class SchemaManager {
    private static final Logger log = LoggerFactory.getLogger(SchemaManager.class);
    /** Serializes the DDL of instances that start together, so neither sees half of the other's. */
    private static final long DDL_LOCK = 0x7469646577617465L;

    private final Identifier schema;
    private final InternalTables internal;
    private final List<EntityTable> tables;

    /**
     * @throws IllegalArgumentException naming the entity and field when a name or type cannot be mapped
     */
    public SchemaManager(String schema, List<EntityDefinition<?>> entities) {
        this.schema = Identifiers.schema(schema);
        this.internal = new InternalTables(this.schema);
        List<EntityTable> built = new ArrayList<>();
        Map<Identifier, String> owners = new HashMap<>();
        for (EntityDefinition<?> entity : entities) {
            EntityTable table = EntityTable.of(entity);
            String other = owners.putIfAbsent(table.name(), entity.name());
            if (other != null) {
                throw new IllegalArgumentException("entities '" + other + "' and '" + entity.name()
                        + "' both map to table \"" + table.name() + "\"");
            }
            built.add(table);
        }
        this.tables = List.copyOf(built);
    }

    /**
     * Runs the DDL in one transaction, then commits.
     *
     * @throws IllegalStateException listing every incompatible table and column; nothing was changed
     */
    public void apply(Connection connection) throws SQLException {
        connection.setAutoCommit(false);
        try {
            lockAndEnsureSchema(connection);
            List<String> statements = new ArrayList<>(internal.ddl());
            List<String> problems = new ArrayList<>();
            for (EntityTable table : tables) {
                TableMigration migration = TableMigration.plan(schema, table, ExistingTable.read(connection, schema, table.name()));
                statements.addAll(migration.statements());
                problems.addAll(migration.problems());
            }
            if (!problems.isEmpty()) {
                throw new IllegalStateException("schema \"" + schema + "\" does not match the entities, and Tidewater only "
                        + "adds tables, columns and indexes: " + String.join("; ", problems));
            }
            try (Statement st = connection.createStatement()) {
                for (String sql : statements) {
                    log.debug("DDL: {}", sql);
                    st.execute(sql);
                }
            }
            connection.commit();
            log.info("Schema \"{}\" is ready for {} entity tables", schema, tables.size());
        } catch (SQLException | RuntimeException e) {
            try {
                connection.rollback();
            } catch (SQLException rollbackFailed) {
                // The connection died with the DDL (an admin shutdown, say). Its rollback fails with
                // a bare "connection is closed", which must not hide the cause that tells the retrier
                // the failure is transient.
                e.addSuppressed(rollbackFailed);
            }
            throw e;
        }
    }

    Identifier schema() {
        return schema;
    }

    InternalTables internalTables() {
        return internal;
    }

    List<EntityTable> tables() {
        return tables;
    }

    private void lockAndEnsureSchema(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute("SELECT pg_advisory_xact_lock(" + DDL_LOCK + ")");
        }
        // CREATE SCHEMA IF NOT EXISTS would still need the CREATE privilege on the database.
        try (PreparedStatement st = connection.prepareStatement("SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = ?")) {
            st.setString(1, schema.name());
            try (ResultSet rs = st.executeQuery()) {
                if (rs.next()) {
                    return;
                }
            }
        }
        try (Statement st = connection.createStatement()) {
            st.execute("CREATE SCHEMA " + schema.quoted());
        }
    }
}
