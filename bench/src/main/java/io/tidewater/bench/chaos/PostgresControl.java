package io.tidewater.bench.chaos;

import io.tidewater.app.embedded.EmbeddedPostgresServer;
import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A real Postgres the harness owns and mistreats: stopped the way {@code pg_ctl stop -m immediate}
 * stops it (SIGQUIT to the postmaster: no checkpoint, crash recovery at the next start), hung
 * with SIGSTOP, and brought back on the same port and data directory so clients see the same
 * server return.
 *
 * <p>Unlike the demo's embedded server it runs with {@code synchronous_commit=on}: with it off
 * (zonky's default), an immediate shutdown loses commits the client was told had succeeded,
 * and no client can be consistent across that. (A first quick run showed exactly this: rows of
 * an acknowledged rollback batch came back after the restart.)
 *
 * <p>Threading: one owning thread.
 */
final class PostgresControl implements AutoCloseable {
    private final Path dataDir;
    private final int port;
    private EmbeddedPostgres server;
    private List<Long> frozen = List.of();

    PostgresControl(Path dataDir, int port) {
        this.dataDir = dataDir;
        this.port = port;
    }

    PostgresControl start() throws IOException {
        server = EmbeddedPostgres.builder().setPort(port).setDataDirectory(dataDir).setCleanDataDirectory(false)
                .setServerConfig("synchronous_commit", "on").setPgBinaryResolver(PostgresControl::binaries).start();
        return this;
    }

    /**
     * zonky's resolver refuses to choose when the binaries are on the class path twice, as in
     * this module's tests: once from Maven, once through the app jar's manifest class path. Both
     * are the same artifact, so the first will do.
     */
    private static InputStream binaries(String system, String hardware) throws IOException {
        try {
            return DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(system, hardware);
        } catch (IllegalStateException duplicate) {
            String name = String.format("postgres-%s-%s.txz", system, hardware).toLowerCase(Locale.ROOT);
            InputStream in = PostgresControl.class.getClassLoader().getResourceAsStream(name);
            if (in == null) {
                throw duplicate;
            }
            return in;
        }
    }

    String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port + "/" + EmbeddedPostgresServer.DATABASE;
    }

    String user() {
        return EmbeddedPostgresServer.USER;
    }

    boolean running() {
        return server != null;
    }

    /** SIGQUIT to the postmaster is the immediate shutdown mode: backends die mid-transaction. */
    void stopImmediately() throws IOException, InterruptedException {
        long pid = postmasterPid();
        Signals.send("QUIT", pid);
        awaitExit(pid, Duration.ofSeconds(30));
        // Releases the data directory lock; its own pg_ctl stop finds nothing to stop.
        server.close();
        server = null;
    }

    /** SIGSTOP to the postmaster and every backend: connections stay open but nothing answers. */
    void freeze() throws IOException, InterruptedException {
        long pid = postmasterPid();
        Signals.send("STOP", pid);
        List<Long> pids = new ArrayList<>();
        pids.add(pid);
        for (ProcessHandle child : ProcessHandle.of(pid).map(p -> p.descendants().toList()).orElse(List.of())) {
            // Backends of closed connections and autovacuum workers end on their own, at any moment.
            if (Signals.sendUnlessGone("STOP", child.pid())) {
                pids.add(child.pid());
            }
        }
        frozen = pids;
    }

    void thaw() throws IOException, InterruptedException {
        for (long p : frozen) {
            Signals.sendUnlessGone("CONT", p);
        }
        frozen = List.of();
    }

    /**
     * Ends every client backend but this one, idle or busy: a write is only a few milliseconds
     * long, so waiting for busy ones rarely catches one (a first run ended none in some bursts),
     * while a pool that keeps losing its connections sometimes loses one mid-transaction. Ended
     * with {@code pg_terminate_backend} (SIGTERM, the connection dies cleanly) or with SIGKILL
     * (Postgres treats it as a crash: every backend is reset and the server recovers).
     *
     * @return how many were hit
     */
    int killBackends(boolean sigkill) throws SQLException, IOException, InterruptedException {
        List<Long> pids = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(jdbcUrl() + "?connectTimeout=2&socketTimeout=5", user(), "");
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT pid FROM pg_stat_activity WHERE backend_type = 'client backend' "
                        + "AND pid <> pg_backend_pid() AND datname = current_database()")) {
            while (rs.next()) {
                pids.add(rs.getLong(1));
            }
            for (long pid : pids) {
                if (sigkill) {
                    // One is enough: the postmaster answers a crashed backend by resetting all of them.
                    Signals.send("KILL", pid);
                    return 1;
                } else {
                    try (Statement t = c.createStatement()) {
                        t.execute("SELECT pg_terminate_backend(" + pid + ")");
                    }
                }
            }
        }
        return pids.size();
    }

    private long postmasterPid() throws IOException {
        // The first line of postmaster.pid is the postmaster's pid (see the Postgres docs, "Database File Layout").
        return Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).strip());
    }

    private static void awaitExit(long pid, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        thaw();
        if (server != null) {
            server.close();
            server = null;
        }
    }
}
