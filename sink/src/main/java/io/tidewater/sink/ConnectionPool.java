package io.tidewater.sink;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/** Builds the sink's HikariCP pool from its config. */
final class ConnectionPool {
    static final String APPLICATION_NAME = "tidewater-sink";

    private ConnectionPool() {
    }

    static HikariDataSource create(PostgresSinkConfig config) {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName(APPLICATION_NAME);
        hikari.setJdbcUrl(config.jdbcUrl());
        hikari.setUsername(config.jdbcUser());
        hikari.setPassword(config.jdbcPassword().value());
        hikari.setMaximumPoolSize(config.poolSize());
        hikari.setMinimumIdle(1);
        hikari.setConnectionTimeout(config.connectionTimeoutMs());
        // Every write is an explicit transaction; no statement should ever autocommit half of one.
        hikari.setAutoCommit(false);
        // Named, not detected: Hikari detects the default once, on its first connection, and if that
        // connection dies meanwhile it keeps -1 and every later connection fails to set up ("isolation
        // level -1 not supported"), so the sink never connects again. The chaos harness hit this by
        // killing backends while run started. Read committed is Postgres' default.
        hikari.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        // Start even when Postgres is down: the first attempts fail as transient and are retried.
        hikari.setInitializationFailTimeout(-1);
        if (config.idleInTransactionTimeoutMs() > 0) {
            // A session setting, not a URL option, so a jdbc.url with options of its own keeps it. Committed
            // at once (isolated): pgjdbc opens a transaction for it, and a first batch that rolls back would undo it.
            hikari.setConnectionInitSql("SET idle_in_transaction_session_timeout = " + config.idleInTransactionTimeoutMs());
            hikari.setIsolateInternalQueries(true);
        }
        // Lets an operator find (and tests terminate) the sink's sessions in pg_stat_activity.
        hikari.addDataSourceProperty("ApplicationName", APPLICATION_NAME);
        hikari.addDataSourceProperty("tcpKeepAlive", "true");
        // pgjdbc counts in seconds; round up so a small timeout never becomes "forever".
        hikari.addDataSourceProperty("socketTimeout", Long.toString((config.socketTimeoutMs() + 999) / 1000));
        return new HikariDataSource(hikari);
    }
}
