package io.tidewater.bench.chaos;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Watches {@code tidewater_progress} throughout a run: the forward-only rule says a partition's
 * written offset never goes backwards, whatever crashed, restarted or came back from the dead.
 * A stale zombie write that got through would show up here first.
 *
 * <p>Threading: polls on its own scheduler thread; {@link #violations()} and
 * {@link #offsets()} may be read from any thread.
 */
final class ProgressMonitor implements AutoCloseable {
    private final String jdbcUrl;
    private final String user;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "chaos-progress-monitor");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Long> highest = new HashMap<>();
    private final List<String> violations = new ArrayList<>();
    private long polls;

    ProgressMonitor(String jdbcUrl, String user) {
        // Short timeouts: the database is stopped or frozen on purpose, and a poll must not hang on it.
        this.jdbcUrl = jdbcUrl + "?connectTimeout=2&socketTimeout=3&loginTimeout=2";
        this.user = user;
    }

    ProgressMonitor start() {
        scheduler.scheduleWithFixedDelay(this::poll, 0, 100, TimeUnit.MILLISECONDS);
        return this;
    }

    private void poll() {
        Map<String, Long> seen = new HashMap<>();
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, ""); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("select topic, partition, input_offset from tidewater_progress")) {
            while (rs.next()) {
                seen.put(rs.getString(1) + "-" + rs.getInt(2), rs.getLong(3));
            }
        } catch (SQLException downOrNotYetCreated) {
            return;
        }
        synchronized (this) {
            polls++;
            seen.forEach((partition, offset) -> {
                Long before = highest.get(partition);
                if (before != null && offset < before) {
                    violations.add(partition + " went back from " + before + " to " + offset);
                }
                highest.merge(partition, offset, Math::max);
            });
        }
    }

    synchronized List<String> violations() {
        return List.copyOf(violations);
    }

    synchronized Map<String, Long> offsets() {
        return Map.copyOf(highest);
    }

    synchronized long polls() {
        return polls;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
