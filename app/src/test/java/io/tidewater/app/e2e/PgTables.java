package io.tidewater.app.e2e;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Databases and counts from Postgres, for tests that wait on or assert what was written. */
public final class PgTables {
    private PgTables() {
    }

    /** Creates a database on the server and returns its JDBC URL: one per test keeps them apart. */
    public static String createDatabase(io.tidewater.app.embedded.EmbeddedPostgresServer pg, String name) throws SQLException {
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password()); Statement st = c.createStatement()) {
            st.execute("create database " + name);
        }
        return pg.jdbcUrl().replaceFirst("/[^/?]+(\\?|$)", "/" + name + "$1");
    }

    public static long count(String jdbcUrl, String user, String password, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, password); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
