package io.tidewater.bench.perf;

import io.tidewater.examples.erc20.Transfer;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Runs measurements a to h once, in order, on one broker and one Postgres, and collects the
 * figures; or only some of them ({@code --only}). Each step prints a line as it finishes, so a long
 * run shows where it is.
 */
final class BenchRun {
    static final Set<Character> ALL = Set.of('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h');

    private static final int SINK_BATCH = 10_000;
    private static final String REPLAY_TOPIC = "bench.erc20";

    private final BenchSizes sizes;
    private final Set<Character> only;
    private final PrintStream log;

    BenchRun(BenchSizes sizes, PrintStream log) {
        this(sizes, ALL, log);
    }

    BenchRun(BenchSizes sizes, Set<Character> only, PrintStream log) {
        this.sizes = sizes;
        this.only = Set.copyOf(only);
        this.log = log;
    }

    /** Figure letters from {@code "a,b"}. */
    static Set<Character> figures(String list) {
        Set<Character> figures = new TreeSet<>();
        for (String f : list.split(",")) {
            String letter = f.trim().toLowerCase(java.util.Locale.ROOT);
            if (letter.length() != 1 || !ALL.contains(letter.charAt(0))) {
                throw new IllegalArgumentException("--only takes figure letters a to h, separated by commas: '" + list + "'");
            }
            figures.add(letter.charAt(0));
        }
        return figures;
    }

    Results run() throws Exception {
        Results r = new Results();
        r.context("mode", sizes.mode());
        r.context("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        r.context("cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
        r.context("max_heap_mib", Long.toString(Runtime.getRuntime().maxMemory() >> 20));
        r.context("streams_overrides", StreamsProps.overrides().toString());
        try (BenchStack stack = BenchStack.start()) {
            sinkLimits(stack, r);
            processing(stack, r);
            if (only.contains('h')) {
                step("h RPC to Postgres (" + sizes.nodeLogs() + " logs from the fake node)", () -> {
                    r.context("node_logs", Integer.toString(sizes.nodeLogs()));
                    r.put("h.node.events_per_s", FromNode.eventsPerSecond(stack, sizes.nodeLogs(), "bench-h"), "events/s");
                });
            }
            if (only.contains('g')) {
                step("g rollback latency", () -> new RollbackLatency(stack, sizes).measure("bench.rollback", "bench-g").forEach(r::rollback));
            }
            if (only.contains('f')) {
                step("f memory", () -> MemoryFootprint.measure(stack, "bench.holders", sizes.entityCheckpoints()).forEach(r::memory));
            }
        }
        return r;
    }

    private void sinkLimits(BenchStack stack, Results r) throws Exception {
        if (!only.contains('a') && !only.contains('b')) {
            return;
        }
        List<Transfer> inserts = TransferRows.make(sizes.copyRows(), 1);
        List<Transfer> updates = TransferRows.make(sizes.copyRows(), 2);
        r.context("copy_rows", Integer.toString(sizes.copyRows()));
        step(only.contains('a'), "a raw COPY", () -> {
            SinkAlone.createTables(stack, "a_copy");
            r.put("a.copy.rows_per_s", CopyBaseline.rowsPerSecond(stack, "a_copy", inserts, SINK_BATCH), "rows/s");
        });
        step(only.contains('b'), "b sink alone", () -> {
            SinkAlone.Rates rates = SinkAlone.measure(stack, "b_sink", inserts, updates, SINK_BATCH);
            r.put("b.sink.insert.rows_per_s", rates.inserts(), "rows/s");
            r.put("b.sink.update.rows_per_s", rates.updates(), "rows/s");
        });
    }

    private void processing(BenchStack stack, Results r) throws Exception {
        if (!only.contains('c') && !only.contains('d') && !only.contains('e')) {
            return;
        }
        long[] records = new long[1];
        step("feed " + sizes.logs() + " ERC20 logs", () -> {
            stack.createTopic(REPLAY_TOPIC);
            try (TopicFeeder feeder = new TopicFeeder(stack.bootstrapServers(), REPLAY_TOPIC)) {
                records[0] = feeder.sendAll(Workloads.simulated(sizes.logs()));
            }
            r.context("replay_logs", Long.toString(sizes.logs()));
            r.context("replay_records", Long.toString(records[0]));
        });
        long n = records[0];
        step(only.contains('c'), "c pass-through", () -> {
            r.put("c.passthrough.records_per_s", PassThrough.recordsPerSecond(stack, REPLAY_TOPIC, n, "bench-c"), "records/s");
            r.put("c.changelog_records_per_record", total(stack.changelogRecords("bench-c")) / (double) n, "records");
        });
        step(only.contains('d'), "d topology alone", () -> {
            r.put("d.topology.events_per_s", Throughput.topologyAlone(stack, REPLAY_TOPIC, n, "bench-d"), "events/s");
            // What each event costs the broker: the suspected limit under exactly-once. By store, to say which part costs what.
            Map<String, Long> changelog = stack.changelogRecords("bench-d");
            r.put("d.changelog_records_per_event", total(changelog) / (double) n, "records");
            changelog.forEach((store, count) -> r.put("d.changelog_records_per_event." + store.replaceFirst("^tidewater-", ""),
                    count / (double) n, "records"));
        });
        step(only.contains('e'), "e background writer", () -> r.put("e.background.events_per_s",
                Throughput.endToEnd(stack, REPLAY_TOPIC, n, "bench-e-background", false), "events/s"));
        step(only.contains('e'), "e synchronous writer", () -> r.put("e.synchronous.events_per_s",
                Throughput.endToEnd(stack, REPLAY_TOPIC, n, "bench-e-synchronous", true), "events/s"));
    }

    private interface Step {
        void run() throws Exception;
    }

    private void step(boolean selected, String name, Step step) throws Exception {
        if (selected) {
            step(name, step);
        }
    }

    private void step(String name, Step step) throws Exception {
        long start = System.nanoTime();
        log.printf("bench: %s ...%n", name);
        step.run();
        log.printf("bench: %s done in %.1f s%n", name, (System.nanoTime() - start) / 1e9);
    }

    private static long total(Map<String, Long> byStore) {
        return byStore.values().stream().mapToLong(Long::longValue).sum();
    }
}
