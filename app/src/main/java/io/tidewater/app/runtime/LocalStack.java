package io.tidewater.app.runtime;

import io.tidewater.app.embedded.EmbeddedKafka;
import io.tidewater.app.embedded.EmbeddedPostgresServer;
import java.time.Duration;
import java.util.Optional;

/**
 * The in-process broker and, unless an external database is given, the embedded Postgres that
 * {@code demo} and {@code replay} run against. Closing stops both and deletes their files.
 */
final class LocalStack implements AutoCloseable {
    private final EmbeddedKafka kafka;
    private final EmbeddedPostgresServer postgres;
    private final String jdbcUrl;

    private LocalStack(EmbeddedKafka kafka, EmbeddedPostgresServer postgres, String jdbcUrl) {
        this.kafka = kafka;
        this.postgres = postgres;
        this.jdbcUrl = jdbcUrl;
    }

    /**
     * @param shutdownPatience how long the command goes on using the embedded database after a
     *     Ctrl-C: as long as its {@link ShutdownSignal} holds the JVM for it, or zero when it does
     *     not handle the signal
     */
    static LocalStack start(Optional<String> externalJdbcUrl, Duration shutdownPatience) {
        EmbeddedKafka kafka = new EmbeddedKafka().start();
        try {
            if (externalJdbcUrl.isPresent()) {
                return new LocalStack(kafka, null, externalJdbcUrl.get());
            }
            EmbeddedPostgresServer postgres = EmbeddedPostgresServer.temporary().closedByOwnerOnShutdown(shutdownPatience).start();
            return new LocalStack(kafka, postgres, postgres.jdbcUrl());
        } catch (RuntimeException e) {
            kafka.close();
            throw e;
        }
    }

    String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    String jdbcUrl() {
        return jdbcUrl;
    }

    /** The embedded database, when there is one. */
    Optional<EmbeddedPostgresServer> postgres() {
        return Optional.ofNullable(postgres);
    }

    @Override
    public void close() {
        try {
            kafka.close();
        } finally {
            if (postgres != null) {
                postgres.close();
            }
        }
    }
}
