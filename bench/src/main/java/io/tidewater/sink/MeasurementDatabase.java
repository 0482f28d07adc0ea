package io.tidewater.sink;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.tidewater.topology.api.EntityDefinition;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** What the write-path measurements share: a pool on the embedded Postgres and a fresh schema for one entity. */
final class MeasurementDatabase {
    private MeasurementDatabase() {
    }

    /** Transactions are the measurement's own: auto-commit off. */
    static HikariDataSource pool(String url, int size) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername("postgres");
        config.setMaximumPoolSize(size);
        config.setAutoCommit(false);
        return new HikariDataSource(config);
    }

    static SchemaManager schema(HikariDataSource ds, String schema, EntityDefinition<?> entity) throws SQLException {
        SchemaManager manager = new SchemaManager(schema, List.of(entity));
        try (Connection c = ds.getConnection()) {
            manager.apply(c);
        }
        return manager;
    }
}
