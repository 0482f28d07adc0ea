package io.tidewater.app.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server (binaries shipped in a Maven artifact, unpacked once into the temp
 * folder) on a loopback port, for {@code demo}, {@code replay} and tests.
 *
 * <p>Authentication is {@code trust} on loopback, as initialized by the embedded binaries: the
 * user is {@value #USER} and any password, including the empty {@link #password()}, is accepted.
 * It runs with {@code fsync=off}, so it is for local use only, never for data one cares about.
 *
 * <p>Threading: {@link #start()} and {@link #close()} are meant for one owning thread; the
 * accessors may be read from any thread after {@code start()} returned.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

    public static final String USER = "postgres";
    public static final String DATABASE = "postgres";

    private final Optional<Path> dataDir;
    private final int requestedPort;
    private Duration ownerPatience;
    /** Counted down when the owner closes the server it started last. */
    private volatile CountDownLatch closed = new CountDownLatch(1);
    private volatile EmbeddedPostgres postgres;

    private EmbeddedPostgresServer(Optional<Path> dataDir, int port) {
        this.dataDir = dataDir;
        this.requestedPort = port;
    }

    /** A server whose data lives in a temporary directory, removed on close. */
    public static EmbeddedPostgresServer temporary() {
        return new EmbeddedPostgresServer(Optional.empty(), 0);
    }

    /**
     * A server whose data survives restarts in {@code dataDir}: initialized on first start,
     * reused afterwards.
     *
     * @param port the port to listen on, or 0 for a free one
     */
    public static EmbeddedPostgresServer persistent(Path dataDir, int port) {
        return new EmbeddedPostgresServer(Optional.of(dataDir), port);
    }

    /**
     * On JVM shutdown, waits up to {@code patience} for the owner to close the server before
     * stopping it, instead of the library stopping it as soon as shutdown begins. A command
     * stopped by Ctrl-C still writes its last batch and counts the rows after the signal; the
     * library's own hook would race it and win. Call before {@link #start()}.
     */
    public synchronized EmbeddedPostgresServer closedByOwnerOnShutdown(Duration patience) {
        this.ownerPatience = patience;
        return this;
    }

    public synchronized EmbeddedPostgresServer start() {
        if (postgres != null) {
            throw new IllegalStateException("embedded Postgres already started on port " + postgres.getPort());
        }
        int port = requestedPort == 0 ? FreePort.pick() : requestedPort;
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setPort(port);
        dataDir.ifPresent(dir -> builder.setDataDirectory(dir).setCleanDataDirectory(false));
        builder.setRegisterShutdownHook(ownerPatience == null);
        try {
            postgres = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("embedded Postgres failed to start on port " + port
                    + dataDir.map(d -> " with data in " + d).orElse("") + ": " + e.getMessage(), e);
        }
        LOG.info("Embedded Postgres ready at {}", jdbcUrl());
        if (ownerPatience != null) {
            Duration patience = ownerPatience;
            CountDownLatch ownerClosed = new CountDownLatch(1);
            closed = ownerClosed;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    ownerClosed.await(patience.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                // Never leave the server process behind the JVM.
                close();
            }, "tidewater-postgres-shutdown"));
        }
        return this;
    }

    public String jdbcUrl() {
        return running().getJdbcUrl(USER, DATABASE);
    }

    public int port() {
        return running().getPort();
    }

    public String user() {
        return USER;
    }

    /** Empty: the server trusts loopback connections. */
    public String password() {
        return "";
    }

    /** Stops the server; a temporary one also loses its data. Safe to call more than once. */
    @Override
    public synchronized void close() {
        EmbeddedPostgres pg = postgres;
        postgres = null;
        if (pg != null) {
            try {
                pg.close();
            } catch (IOException e) {
                LOG.warn("Embedded Postgres did not stop cleanly", e);
            }
        }
        closed.countDown();
    }

    private EmbeddedPostgres running() {
        EmbeddedPostgres pg = postgres;
        if (pg == null) {
            throw new IllegalStateException("embedded Postgres is not started");
        }
        return pg;
    }
}
