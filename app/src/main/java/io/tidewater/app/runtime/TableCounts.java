package io.tidewater.app.runtime;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Row counts of the entity tables, for the end-of-run summary. Runs on the main thread after
 * the indexer has stopped, so it never competes with the writer.
 */
final class TableCounts {
    private TableCounts() {
    }

    static Map<String, Long> of(String jdbcUrl, String user, String password, String schema) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", user);
        props.setProperty("password", password);
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection(jdbcUrl, props)) {
            List<String> tables = new ArrayList<>();
            try (var ps = c.prepareStatement("select table_name from information_schema.tables where table_schema = ? "
                    + "and table_type = 'BASE TABLE' and table_name not like 'tidewater\\_%' order by table_name")) {
                ps.setString(1, schema);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        tables.add(rs.getString(1));
                    }
                }
            }
            try (Statement st = c.createStatement()) {
                for (String table : tables) {
                    // Names come from the catalog, not from input; quoting keeps reserved words safe.
                    try (ResultSet rs = st.executeQuery("select count(*) from \"" + schema.replace("\"", "\"\"") + "\".\""
                            + table.replace("\"", "\"\"") + "\"")) {
                        rs.next();
                        counts.put(table, rs.getLong(1));
                    }
                }
            }
        }
        return counts;
    }
}
