package io.tidewater.sink;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A table's shape as Postgres' catalog reports it, read before any DDL so that an entity's
 * schema can be compared with what is already there.
 *
 * @param kind {@code pg_class.relkind}: {@code r} for a table, {@code p} for a partitioned one
 * @param columns by name, in column order
 * @param idUnique whether a unique, non-partial, single-column index covers {@code id}, which
 *     {@code ON CONFLICT ("id")} needs
 */
record ExistingTable(String kind, Map<String, ExistingColumn> columns, boolean idUnique) {
    /** @param type as {@code format_type(oid, NULL)} prints it, e.g. {@code numeric} or {@code text[]} */
    record ExistingColumn(String name, String type, boolean notNull, boolean hasDefault) {
    }

    private static final String RELATION = "SELECT c.relkind FROM pg_catalog.pg_class c "
            + "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relname = ?";
    private static final String COLUMNS = "SELECT a.attname, pg_catalog.format_type(a.atttypid, NULL), a.attnotnull, a.atthasdef "
            + "FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_class c ON c.oid = a.attrelid "
            + "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
            + "WHERE n.nspname = ? AND c.relname = ? AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum";
    private static final String ID_UNIQUE = "SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_index i "
            + "JOIN pg_catalog.pg_class c ON c.oid = i.indrelid JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
            + "JOIN pg_catalog.pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0] "
            + "WHERE n.nspname = ? AND c.relname = ? AND i.indisunique AND i.indnkeyatts = 1 AND i.indpred IS NULL "
            + "AND a.attname = 'id')";

    static Optional<ExistingTable> read(Connection connection, Identifier schema, Identifier table) throws SQLException {
        String kind;
        try (PreparedStatement st = prepare(connection, RELATION, schema, table); ResultSet rs = st.executeQuery()) {
            if (!rs.next()) {
                return Optional.empty();
            }
            kind = rs.getString(1);
        }
        Map<String, ExistingColumn> columns = new LinkedHashMap<>();
        try (PreparedStatement st = prepare(connection, COLUMNS, schema, table); ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                columns.put(rs.getString(1), new ExistingColumn(rs.getString(1), rs.getString(2), rs.getBoolean(3), rs.getBoolean(4)));
            }
        }
        boolean idUnique;
        try (PreparedStatement st = prepare(connection, ID_UNIQUE, schema, table); ResultSet rs = st.executeQuery()) {
            rs.next();
            idUnique = rs.getBoolean(1);
        }
        return Optional.of(new ExistingTable(kind, columns, idUnique));
    }

    boolean isTable() {
        return kind.equals("r") || kind.equals("p");
    }

    private static PreparedStatement prepare(Connection connection, String sql, Identifier schema, Identifier table)
            throws SQLException {
        PreparedStatement st = connection.prepareStatement(sql);
        st.setString(1, schema.name());
        st.setString(2, table.name());
        return st;
    }
}
