package io.tidewater.bench.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidewater.examples.erc20.reference.Erc20Tables;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * One chaos run: for every planned fault, produce a chunk of input, inject the fault, let the
 * primary drain, then compare the tables with the reference over all valid input so far. At the
 * end: an orderly stop, the dead-letter audit and the progress-monotonicity verdict.
 *
 * <p>On the three-broker cluster, the fake node mines while the fault strikes, so the ingester
 * produces through it; its chain is part of the reference. After the comparison every broker is
 * brought back, with a full ISR, before the next fault.
 */
final class ChaosRun {
    /**
     * What one fault did and whether the tables were right afterwards.
     *
     * @param appExits exits of the primary that the fault allows (non-zero, with a reason, after a loss of quorum), each
     *     followed by a restart as a supervisor would
     * @param ingesterExits the ingester's exits during the episode, each followed by a restart
     * @param recoverMillis from the end of the fault to the tables equal to the reference
     */
    record Episode(int number, FaultKind kind, String note, boolean consistent, String mismatch, long millis,
            List<ProcessExit> appExits, List<ProcessExit> ingesterExits, long recoverMillis) {
    }

    private static final Duration SETTLE = Duration.ofSeconds(10);
    /** After a broker fault, how long Kafka Streams may take to be RUNNING again once the tables are right. */
    private static final Duration BACK_TO_RUNNING = Duration.ofSeconds(120);

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
        try (ChaosEnvironment env = ChaosEnvironment.start(workDir, plan.brokers(), plan.seed());
                ProgressMonitor progress = new ProgressMonitor(env.postgres().jdbcUrl(), env.postgres().user()).start()) {
            Runnable moreInput = () -> env.feeder().send(workload.next(plan.chunkLines()));
            FaultActions faults = new FaultActions(env, plan, new SplittableRandom(plan.seed() * 31 + 7), moreInput);
            env.ensurePrimary();
            List<FaultKind> planned = plan.episodes();
            for (int i = 0; i < planned.size(); i++) {
                FaultKind kind = planned.get(i);
                long t0 = System.nanoTime();
                moreInput.run();
                env.node().ifPresent(NodeFeed::startMining);
                String note = faults.perform(kind);
                if (env.node().isPresent()) {
                    env.node().get().stopMining();
                }
                Episode e = drainAndCompare(i + 1, kind, note, faults.takeFailure(), env, workload, t0);
                Optional<String> healed = faults.healBrokers();
                if (healed.isPresent()) {
                    e = withNote(e, "; " + healed.get());
                }
                episodes.add(e);
                log.printf("[%3d/%d] %-30s %-12s %5.1f s  %s%n", e.number(), planned.size(), kind.label(),
                        e.consistent() ? "consistent" : "INCONSISTENT", e.millis() / 1000.0, e.note());
                if (!e.consistent()) {
                    log.print(e.mismatch());
                }
            }
            String stop = orderlyStop(env);
            // Nothing runs any more: a late write by any instance would show here.
            String finalDiff = Erc20Tables.differences(expected(env, workload),
                    Erc20Tables.dump(env.postgres().jdbcUrl(), env.postgres().user(), ""));
            DeadLetterAudit.Result deadLetters = DeadLetterAudit.run(env.bootstrapServers(), workload.poison());
            IngestedChain ingested = env.node().map(n -> IngestedChain.read(env.bootstrapServers(), InputFeeder.INPUT_TOPIC, n.chain()))
                    .orElse(null);
            List<String> unreplicated = env.cluster().isEmpty() ? List.of()
                    : env.cluster().get().view().topicsNotReplicated(BrokerCluster.REPLICATION_FACTOR, BrokerCluster.MIN_INSYNC_REPLICAS);
            return new ChaosReport(plan, episodes, deadLetters, progress.violations(), progress.polls(), stop, finalDiff,
                    countSignals(FaultActions.STALE_BATCH), faults.zombies(), workload, env.launched(),
                    Duration.ofNanos(System.nanoTime() - started), ingested, unreplicated,
                    env.node().map(NodeFeed::reorgs).orElse(0L), env.node().map(NodeFeed::head).orElse(0L));
        }
    }

    /** The reference over all valid input so far, and the fake node's chain when there is one. */
    private static Map<String, TreeMap<String, Map<String, Object>>> expected(ChaosEnvironment env, Workload workload) {
        Map<String, TreeMap<String, Map<String, Object>>> tables = workload.expectedTables();
        return env.node().map(n -> NodeFeed.union(tables, n.expectedTables())).orElse(tables);
    }

    private static Episode withNote(Episode e, String more) {
        boolean broken = more.contains("NOT whole");
        return new Episode(e.number(), e.kind(), e.note() + more, e.consistent() && !broken,
                e.mismatch() + (broken ? "  " + more.substring(2) + "\n" : ""), e.millis(), e.appExits(), e.ingesterExits(),
                e.recoverMillis());
    }

    /** @param failure what the fault itself saw go wrong (a zombie's stale batch accepted), or null */
    private Episode drainAndCompare(int number, FaultKind kind, String note, String failure, ChaosEnvironment env, Workload workload,
            long t0) throws Exception {
        long faultEnded = System.nanoTime();
        Map<String, TreeMap<String, Map<String, Object>>> expected = expected(env, workload);
        Map<String, TreeMap<String, Map<String, Object>>> actual = Map.of();
        StringBuilder deaths = new StringBuilder(failure == null ? "" : failure);
        List<ProcessExit> appExits = new ArrayList<>();
        AppProcess first = env.primary();
        int firstSignal = first == null ? 0 : first.signals().size();
        long deadline = System.nanoTime() + drainTimeout.toNanos();
        boolean equal = false;
        while (System.nanoTime() < deadline) {
            AppProcess primary = env.primary();
            if (!primary.alive()) {
                ProcessExit exit = ProcessExit.of(primary, "tidewater run: ");
                if (kind.loss() == FaultKind.Loss.QUORUM && exit.explained()) {
                    // Allowed when the cluster lost its quorum: a supervisor restarts it, and the tables must still come right.
                    appExits.add(exit);
                } else {
                    // Nothing injected a stop here: an exit is a failure to report, then a restart to go on with.
                    deaths.append("  ").append(primary.name()).append(" exited unexpectedly with ").append(exit.code()).append(":\n")
                            .append(primary.outputTail()).append('\n');
                }
                env.ensurePrimary();
            }
            env.ensureIngester();
            try {
                actual = Erc20Tables.dump(env.postgres().jdbcUrl(), env.postgres().user(), "");
                if (expected.equals(actual)) {
                    equal = true;
                    break;
                }
            } catch (SQLException notYetCreated) {
                // The sink creates the tables when it starts.
            }
            Thread.sleep(500);
        }
        long recovered = (System.nanoTime() - faultEnded) / 1_000_000;
        String behaviour = "";
        if (kind.broker()) {
            behaviour = appThroughBrokerFault(kind, env, first, firstSignal, appExits, equal, deaths);
        }
        List<ProcessExit> ingesterExits = env.ingesterExits().stream().filter(x -> x.atNanos() >= t0).toList();
        for (ProcessExit x : ingesterExits) {
            if (kind.loss() != FaultKind.Loss.QUORUM || !x.explained()) {
                deaths.append("  the ingester exited during ").append(kind.label()).append(": ").append(x).append('\n');
            }
        }
        String diff = Erc20Tables.differences(expected, actual);
        boolean consistent = diff.isEmpty() && deaths.length() == 0 && !note.contains("APP DIED");
        String mismatch = diff.isEmpty() ? deaths.toString()
                : "  not equal to the reference after " + drainTimeout.toSeconds() + " s:\n" + diff + deaths;
        String fullNote = note + behaviour + (ingesterExits.isEmpty() ? "" : "; ingester exits " + ingesterExits + ", restarted");
        return new Episode(number, kind, fullNote, consistent, mismatch, (System.nanoTime() - t0) / 1_000_000, appExits, ingesterExits,
                equal ? recovered : -1);
    }

    /**
     * What the app did through a broker fault: through a single broker's loss it stays up and its
     * Streams client is RUNNING again; through a loss of quorum it may also have exited non-zero
     * with the reason and been restarted. Says which, with the Streams state changes it went
     * through; a breach goes to {@code deaths}.
     */
    private String appThroughBrokerFault(FaultKind kind, ChaosEnvironment env, AppProcess first, int firstSignal,
            List<ProcessExit> appExits, boolean equal, StringBuilder deaths) throws InterruptedException {
        AppProcess primary = env.primary();
        long deadline = System.nanoTime() + BACK_TO_RUNNING.toNanos();
        while (equal && primary.alive() && !primary.streamsRunning() && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        boolean running = primary.alive() && primary.streamsRunning();
        if (equal && !running) {
            deaths.append("  Kafka Streams was not RUNNING ").append(BACK_TO_RUNNING.toSeconds())
                    .append(" s after the tables were right\n");
        }
        List<JsonNode> signals = first.signals();
        long rebalances = signals.subList(Math.min(firstSignal, signals.size()), signals.size()).stream()
                .filter(s -> AppProcess.isSignal(s, "streams-state") && s.path("to").asText().equals("REBALANCING")).count();
        String exits = appExits.isEmpty() ? "app stayed up" : "app exited " + appExits + ", restarted";
        return "; " + exits + ", " + rebalances + " rebalance(s)" + (running ? ", Streams RUNNING" : ", Streams NOT RUNNING");
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
