package io.tidewater.examples.erc20.reference;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The ERC20 tables as Postgres holds them, in the form the reference models produce (rows by id,
 * numbers as Long or BigInteger), so that end-to-end tests and the chaos harness compare alike.
 */
public final class Erc20Tables {
    public static final List<String> TABLES = List.of("token", "balance", "transfer");
    private static final int SHOWN = 5;

    private Erc20Tables() {
    }

    public static Map<String, TreeMap<String, Map<String, Object>>> dump(String jdbcUrl, String user, String password)
            throws SQLException {
        Map<String, TreeMap<String, Map<String, Object>>> out = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, password); Statement st = c.createStatement()) {
            st.setQueryTimeout(30);
            for (String table : TABLES) {
                TreeMap<String, Map<String, Object>> rows = new TreeMap<>();
                // The names are constants of this class, never input.
                try (ResultSet rs = st.executeQuery("select * from \"" + table + "\" order by id")) {
                    ResultSetMetaData md = rs.getMetaData();
                    while (rs.next()) {
                        Map<String, Object> row = new LinkedHashMap<>();
                        for (int i = 1; i <= md.getColumnCount(); i++) {
                            row.put(md.getColumnName(i), normalize(rs.getObject(i)));
                        }
                        rows.put((String) row.get("id"), row);
                    }
                }
                out.put(table, rows);
            }
        }
        return out;
    }

    private static Object normalize(Object v) {
        if (v instanceof BigDecimal d) {
            return d.toBigIntegerExact();
        }
        if (v instanceof Integer n) {
            return n.longValue();
        }
        return v;
    }

    /** Empty when equal; otherwise, per table, the counts and the first differing rows. */
    public static String differences(Map<String, TreeMap<String, Map<String, Object>>> expected,
            Map<String, TreeMap<String, Map<String, Object>>> actual) {
        StringBuilder out = new StringBuilder();
        for (String table : TABLES) {
            TreeMap<String, Map<String, Object>> want = expected.getOrDefault(table, new TreeMap<>());
            TreeMap<String, Map<String, Object>> got = actual.getOrDefault(table, new TreeMap<>());
            if (want.equals(got)) {
                continue;
            }
            TreeSet<String> ids = new TreeSet<>(want.keySet());
            ids.addAll(got.keySet());
            List<String> shown = new ArrayList<>();
            int differing = 0;
            for (String id : ids) {
                if (!Objects.equals(want.get(id), got.get(id))) {
                    differing++;
                    if (shown.size() < SHOWN) {
                        shown.add("    " + id + ": expected " + want.get(id) + "\n    " + " ".repeat(id.length()) + "  actual   "
                                + got.get(id));
                    }
                }
            }
            out.append("  ").append(table).append(": ").append(got.size()).append(" rows, expected ").append(want.size())
                    .append(", ").append(differing).append(" differ\n");
            shown.forEach(s -> out.append(s).append('\n'));
        }
        return out.toString();
    }
}
