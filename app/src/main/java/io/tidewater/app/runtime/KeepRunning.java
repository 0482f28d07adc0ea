package io.tidewater.app.runtime;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * After a local run's summary: how to query the tables of its embedded Postgres, which exist only
 * while the command does, and the wait for Ctrl-C that keeps them there when asked to
 * ({@code --keep-running}).
 */
final class KeepRunning {
    private KeepRunning() {
    }

    /**
     * A psql command only while the database is there to answer it: without {@code --keep-running}
     * the embedded Postgres stops, and its files go, when the command returns. Nothing for a
     * database of the user's own ({@code --jdbc-url}), which outlives the command anyway.
     *
     * @param command what the user ran, e.g. "./tidewater replay", for the hint to run it again
     * @param psql the psql command line for the embedded database; empty when it is the user's
     */
    static List<String> closingLines(String command, boolean keepRunning, Optional<String> psql, Collection<String> tables) {
        if (psql.isEmpty()) {
            return List.of();
        }
        String named = tables.isEmpty() ? "" : " (" + String.join(", ", tables) + ")";
        if (!keepRunning) {
            return List.of("The embedded Kafka and Postgres stop with the command. To query the tables" + named,
                    "and the per-chain progress view (tidewater_chains) afterwards, run " + command + " with --keep-running.");
        }
        List<String> lines = new ArrayList<>();
        lines.add("Query the tables" + named + " and the per-chain progress view:");
        tables.stream().findFirst().ifPresent(t -> lines.add("  " + psql.get() + " -c 'select * from " + t + " limit 10'"));
        lines.add("  " + psql.get() + " -c 'select * from tidewater_chains'");
        lines.add("Kafka and Postgres keep running; press Ctrl-C to stop.");
        return lines;
    }

    /**
     * Prints how to query the tables and, with {@code keepRunning}, holds an embedded database up
     * until Ctrl-C (a database of the user's own needs no holding).
     */
    static void offer(String command, boolean keepRunning, LocalStack stack, RunSummary summary, ShutdownSignal signal,
            PrintStream out) {
        Optional<String> psql = stack.postgres().map(LocalJob::psqlHint);
        closingLines(command, keepRunning, psql, summary.rows().keySet()).forEach(out::println);
        if (keepRunning && psql.isPresent()) {
            untilSignal(signal);
        }
    }

    /** Returns once Ctrl-C or SIGTERM came (at once if one already did). */
    private static void untilSignal(ShutdownSignal signal) {
        signal.install();
        try {
            while (!signal.await(Duration.ofHours(1))) {
                // Serving queries until Ctrl-C.
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
