package io.tidewater.bench.perf;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tidewater.examples.erc20.Erc20Indexer;
import io.tidewater.sink.PostgresSink;
import java.time.Duration;
import java.util.Map;

/**
 * (d) and (e): the indexer consuming a topic filled beforehand, timed from its first record to
 * its last (d) or to the Postgres commit that covers its last (e), so startup and feeding are
 * not counted.
 */
final class Throughput {
    private static final Duration LIMIT = Duration.ofMinutes(30);

    private Throughput() {
    }

    /** Events/s of the topology alone: the sink completes every batch at once. */
    static double topologyAlone(BenchStack stack, String topic, long records, String appId) throws Exception {
        try (IndexerRun run = new IndexerRun(stack, topic, appId, new InstantSink(), Map.of())) {
            run.awaitConsumed(records - 1, LIMIT);
            ProgressTracker t = run.tracker();
            return (records - 1) / ((t.lastConsumedNanos() - t.firstConsumedNanos()) / 1e9);
        }
    }

    /** Events/s end to end into Postgres, with the background writer or with each write awaited. */
    static double endToEnd(BenchStack stack, String topic, long records, String appId, boolean synchronous) throws Exception {
        try (PostgresSink pg = PostgresSink.open(stack.sinkConfig(appId.replace('-', '_')), new Erc20Indexer().entities(),
                new SimpleMeterRegistry())) {
            CommitClock clock = new CommitClock(synchronous ? new SynchronousSink(pg) : pg);
            try (IndexerRun run = new IndexerRun(stack, topic, appId, clock, Map.of())) {
                run.awaitWritten(records - 1, LIMIT);
                return (records - 1) / ((clock.lastCommitNanos() - run.tracker().firstConsumedNanos()) / 1e9);
            }
        }
    }
}
