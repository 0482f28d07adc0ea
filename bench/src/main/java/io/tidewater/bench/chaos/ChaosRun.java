package io.tidewater.bench.chaos;

import io.tidewater.examples.erc20.reference.Erc20Tables;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * One chaos run: for every planned fault, produce a chunk of input, inject the fault, let the
 * primary drain, then compare the tables with the reference over all valid input so far. At the
 * end: an orderly stop, the dead-letter audit and the progress-monotonicity verdict.
 */
final class ChaosRun {
    /** What one fault did and whether the tables were right afterwards. */
    record Episode(int number, FaultKind kind, String note, boolean consistent, String mismatch, long millis) {
    }

    private static final Duration SETTLE = Duration.ofSeconds(10);

    private final ChaosPlan plan;
    private final Path workDir;
    private final PrintStream log;
    private final Duration drainTimeout;

    ChaosRun(ChaosPlan plan, Path workDir, PrintStream log, Duration drainTimeout) {
        this.plan = plan;
        this.workDir = workDir;
        this.log = log;
        this.drainTimeout = drainTimeout;
    }

    ChaosReport execute() throws Exception {
        Workload workload = new Workload(plan.seed(), plan.poisonRate());
        List<Episode> episodes = new ArrayList<>();
        long started = System.nanoTime();
        try (ChaosEnvironment env = ChaosEnvironment.start(workDir);
                ProgressMonitor progress = new ProgressMonitor(env.postgres().jdbcUrl(), env.postgres().user()).start()) {
            Runnable moreInput = () -> env.feeder().send(workload.next(plan.chunkLines()));
            FaultActions faults = new FaultActions(env, plan, new SplittableRandom(plan.seed() * 31 + 7), moreInput);
            env.ensurePrimary();
            List<FaultKind> planned = plan.episodes();
            for (int i = 0; i < planned.size(); i++) {
                FaultKind kind = planned.get(i);
                long t0 = System.nanoTime();
                moreInput.run();
                String note = faults.perform(kind);
                Episode e = drainAndCompare(i + 1, kind, note, faults.takeFailure(), env, workload, t0);
                episodes.add(e);
                log.printf("[%3d/%d] %-28s %-12s %5.1f s  %s%n", e.number(), planned.size(), kind.label(),
                        e.consistent() ? "consistent" : "INCONSISTENT", e.millis() / 1000.0, note);
                if (!e.consistent()) {
                    log.print(e.mismatch());
                }
            }
            String stop = orderlyStop(env);
            // Nothing runs any more: a late write by any instance would show here.
            String finalDiff = Erc20Tables.differences(workload.expectedTables(),
                    Erc20Tables.dump(env.postgres().jdbcUrl(), env.postgres().user(), ""));
            DeadLetterAudit.Result deadLetters = DeadLetterAudit.run(env.bootstrapServers(), workload.poison());
            return new ChaosReport(plan, episodes, deadLetters, progress.violations(), progress.polls(), stop, finalDiff,
                    countSignals(FaultActions.STALE_BATCH), faults.zombies(), workload, env.launched(),
                    Duration.ofNanos(System.nanoTime() - started));
        }
    }

    /** @param failure what the fault itself saw go wrong (a zombie's stale batch accepted), or null */
    private Episode drainAndCompare(int number, FaultKind kind, String note, String failure, ChaosEnvironment env, Workload workload,
            long t0) throws Exception {
        Map<String, TreeMap<String, Map<String, Object>>> expected = workload.expectedTables();
        Map<String, TreeMap<String, Map<String, Object>>> actual = Map.of();
        StringBuilder deaths = new StringBuilder(failure == null ? "" : failure);
        long deadline = System.nanoTime() + drainTimeout.toNanos();
        while (System.nanoTime() < deadline) {
            AppProcess primary = env.primary();
            if (!primary.alive()) {
                // Nothing injected a stop here: an exit is a failure to report, then a restart to go on with.
                OptionalInt code = primary.await(Duration.ZERO);
                deaths.append("  ").append(primary.name()).append(" exited unexpectedly with ")
                        .append(code.isPresent() ? code.getAsInt() : "?").append(":\n").append(primary.outputTail()).append('\n');
                env.ensurePrimary();
            }
            try {
                actual = Erc20Tables.dump(env.postgres().jdbcUrl(), env.postgres().user(), "");
                if (expected.equals(actual)) {
                    break;
                }
            } catch (SQLException notYetCreated) {
                // The sink creates the tables when it starts.
            }
            Thread.sleep(500);
        }
        String diff = Erc20Tables.differences(expected, actual);
        boolean consistent = diff.isEmpty() && deaths.length() == 0 && !note.contains("APP DIED");
        String mismatch = diff.isEmpty() ? deaths.toString()
                : "  not equal to the reference after " + drainTimeout.toSeconds() + " s:\n" + diff + deaths;
        return new Episode(number, kind, note, consistent, mismatch, (System.nanoTime() - t0) / 1_000_000);
    }

    /** Signals named {@code name} in every instance's signals file. */
    private long countSignals(String name) throws java.io.IOException {
        long n = 0;
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(workDir.resolve("logs"))) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".signals.jsonl")).toList()) {
                try (java.util.stream.Stream<String> lines = java.nio.file.Files.lines(f)) {
                    n += lines.filter(l -> l.startsWith("{\"signal\":\"" + name + "\"")).count();
                }
            }
        }
        return n;
    }

    private static String orderlyStop(ChaosEnvironment env) throws Exception {
        // A SIGTERM before the JVM reached main() gets the JVM's default 143, which says nothing about Tidewater.
        long settle = SETTLE.minus(env.primary().uptime()).toMillis();
        if (settle > 0) {
            Thread.sleep(settle);
        }
        OptionalInt code = env.primary().terminate(Duration.ofMinutes(2));
        return code.isPresent() ? "exit " + code.getAsInt() : "did not stop within 2 min";
    }
}
