package io.tidewater.bench.perf;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tidewater.examples.erc20.Erc20Indexer;
import io.tidewater.sink.PostgresSink;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * (f) The indexer alone in a JVM of its own, attached to the harness's broker and Postgres, so
 * its resident memory is Tidewater's and not the broker's. It indexes the many-holders topic
 * end to end and, as the distinct entities pass each checkpoint, prints one line
 * {@code MEMORY <entities> <rssMiB> <peakRssMiB> <heapUsedMiB>} on stdout for the harness.
 *
 * <p>Arguments: bootstrap servers, JDBC URL, user, topic, records in the topic, checkpoints...
 */
public final class MemoryWorker {
    static final String PREFIX = "MEMORY ";
    private static final Duration LIMIT = Duration.ofMinutes(60);

    private MemoryWorker() {
    }

    public static void main(String[] args) throws Exception {
        BenchStack stack = BenchStack.attach(args[0], args[1], args[2]);
        String topic = args[3];
        long records = Long.parseLong(args[4]);
        List<Long> checkpoints = new ArrayList<>();
        for (int i = 5; i < args.length; i++) {
            checkpoints.add(Long.parseLong(args[i]));
        }
        try (PostgresSink pg = PostgresSink.open(stack.sinkConfig("f_memory"), new Erc20Indexer().entities(), new SimpleMeterRegistry());
                IndexerRun run = new IndexerRun(stack, topic, "bench-f-memory", pg, Map.of())) {
            for (long entities : checkpoints) {
                // Each mint to a new holder adds its Transfer and a Balance; the one Token is counted once.
                long logs = Math.min(records, entities / 2);
                run.await(() -> run.tracker().logsApplied() >= logs, LIMIT, "apply " + logs + " logs");
                System.gc();
                double heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024.0 * 1024);
                System.out.println(PREFIX + (2 * logs + 1) + " " + ProcStatus.rssMiB() + " " + ProcStatus.peakRssMiB() + " " + heap);
                System.out.flush();
            }
            run.awaitWritten(records - 1, LIMIT);
        }
    }
}
