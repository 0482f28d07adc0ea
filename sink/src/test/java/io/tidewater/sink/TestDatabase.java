package io.tidewater.sink;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One embedded Postgres for a test class ({@code @RegisterExtension static final TestDatabase db
 * = TestDatabase.perClass()}); each test gets a fresh schema in it.
 */
final class TestDatabase implements AutoCloseable, BeforeAllCallback, AfterAllCallback {
    private EmbeddedPostgres postgres;
    private final AtomicInteger schemas = new AtomicInteger();

    private TestDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /** Started before the class's tests, stopped after them. */
    static TestDatabase perClass() {
        return new TestDatabase(null);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        postgres = EmbeddedPostgres.start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        close();
    }

    static TestDatabase of(EmbeddedPostgres postgres) {
        return new TestDatabase(postgres);
    }

    String jdbcUrl() {
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    String newSchema() {
        return "test_" + schemas.incrementAndGet();
    }

    /** Fast retries and a short pool timeout, so failure tests take seconds. */
    PostgresSinkConfig config(String schema, Object... overrides) {
        Map<String, Object> props = new HashMap<>();
        props.put(PostgresSinkConfig.JDBC_URL_CONFIG, jdbcUrl());
        props.put(PostgresSinkConfig.JDBC_USER_CONFIG, "postgres");
        props.put(PostgresSinkConfig.JDBC_SCHEMA_CONFIG, schema);
        props.put(PostgresSinkConfig.RETRY_BACKOFF_INITIAL_MS_CONFIG, 20L);
        props.put(PostgresSinkConfig.RETRY_BACKOFF_MAX_MS_CONFIG, 300L);
        props.put(PostgresSinkConfig.POOL_CONNECTION_TIMEOUT_MS_CONFIG, 1000L);
        props.put(PostgresSinkConfig.CLOSE_TIMEOUT_MS_CONFIG, 20_000L);
        for (int i = 0; i < overrides.length; i += 2) {
            props.put((String) overrides[i], overrides[i + 1]);
        }
        return new PostgresSinkConfig(props);
    }

    Connection connect() throws SQLException {
        return postgres.getPostgresDatabase().getConnection();
    }

    void execute(String sql) throws SQLException {
        try (Connection c = connect(); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    /** The first column of the first row, as text; null when there is no row. */
    String query(String sql) throws SQLException {
        try (Connection c = connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    /** Every row, its columns as text joined by {@code |} ({@code null} for NULL). */
    java.util.List<String> rows(String sql) throws SQLException {
        java.util.List<String> rows = new java.util.ArrayList<>();
        try (Connection c = connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    row.append(i > 1 ? "|" : "").append(rs.getString(i));
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }

    /** Every row of a table, in a fixed order, as JSON: an exact, comparable dump. */
    String dump(String schema, String table) throws SQLException {
        return query("SELECT coalesce(json_agg(t ORDER BY t::text)::text, '[]') FROM \"" + schema + "\".\"" + table + "\" t");
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
