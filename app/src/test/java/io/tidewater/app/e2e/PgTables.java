package io.tidewater.app.e2e;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Dumps Postgres tables in the form the reference models produce: rows by id, numbers as Long or BigInteger. */
public final class PgTables {
    private PgTables() {
    }

    public static Map<String, TreeMap<String, Map<String, Object>>> dump(String jdbcUrl, String user, String password,
            List<String> tables) throws SQLException {
        Map<String, TreeMap<String, Map<String, Object>>> out = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, password); Statement st = c.createStatement()) {
            for (String table : tables) {
                TreeMap<String, Map<String, Object>> rows = new TreeMap<>();
                try (ResultSet rs = st.executeQuery("select * from \"" + table + "\" order by id")) {
                    ResultSetMetaData md = rs.getMetaData();
                    while (rs.next()) {
                        Map<String, Object> row = new LinkedHashMap<>();
                        for (int i = 1; i <= md.getColumnCount(); i++) {
                            Object v = rs.getObject(i);
                            if (v instanceof BigDecimal d) {
                                v = d.toBigIntegerExact();
                            } else if (v instanceof Integer n) {
                                v = n.longValue();
                            }
                            row.put(md.getColumnName(i), v);
                        }
                        rows.put((String) row.get("id"), row);
                    }
                }
                out.put(table, rows);
            }
        }
        return out;
    }

    /** Whether every listed table of {@code actual} equals that of {@code expected}. */
    public static boolean matches(Map<String, TreeMap<String, Map<String, Object>>> expected,
            Map<String, TreeMap<String, Map<String, Object>>> actual, List<String> tables) {
        return tables.stream().allMatch(t -> expected.get(t).equals(actual.get(t)));
    }

    public static long count(String jdbcUrl, String user, String password, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, password); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
