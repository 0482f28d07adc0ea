package io.tidewater.bench.perf;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tidewater.examples.erc20.Erc20Indexer;
import io.tidewater.sink.PostgresSink;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * (g) Rollback latency: per grid point, a chain of its own grows {@code depth} blocks whose
 * mints touch about {@code entities} entities (each mint creates a Transfer and a Balance),
 * waits until that is written, then sends an explicit reorg back to the base block. Latency runs
 * from sending the reorg to the Postgres commit of the batch that holds the restored state.
 * Every grid point runs against the state all earlier points left, so total state grows while
 * the touched entities stay fixed.
 */
final class RollbackLatency {
    private static final Duration LIMIT = Duration.ofMinutes(5);
    private static final long BASE_BLOCK = 1;

    private final BenchStack stack;
    private final BenchSizes sizes;

    RollbackLatency(BenchStack stack, BenchSizes sizes) {
        this.stack = stack;
        this.sizes = sizes;
    }

    List<Results.Rollback> measure(String topic, String appId) throws Exception {
        stack.createTopic(topic);
        List<Results.Rollback> out = new ArrayList<>();
        try (PostgresSink pg = PostgresSink.open(stack.sinkConfig(appId.replace('-', '_')), new Erc20Indexer().entities(),
                new SimpleMeterRegistry());
                TopicFeeder feeder = new TopicFeeder(stack.bootstrapServers(), topic)) {
            CommitClock clock = new CommitClock(pg);
            try (IndexerRun run = new IndexerRun(stack, topic, appId, clock, Map.of())) {
                long chain = 1000;
                point(run, clock, feeder, chain++, 10, 100, 2); // warm-up, not reported
                for (int depth : sizes.rollbackDepths()) {
                    for (int entities : sizes.rollbackEntities()) {
                        out.add(point(run, clock, feeder, chain++, depth, entities, sizes.rollbackRepetitions()));
                    }
                }
            }
        }
        return out;
    }

    private Results.Rollback point(IndexerRun run, CommitClock clock, TopicFeeder feeder, long chain, int depth, int entities,
            int repetitions) throws Exception {
        List<Double> commit = new ArrayList<>();
        List<Double> detect = new ArrayList<>();
        double worstWait = 0;
        int restored = 0;
        int mints = Math.max(1, (entities - 1) / 2);
        feeder.send(Workloads.header(chain, BASE_BLOCK, Workloads.blockHash(chain, BASE_BLOCK, 0), Workloads.blockHash(chain, 0, 0)));
        for (int fork = 1; fork <= repetitions; fork++) {
            long last = grow(feeder, chain, depth, mints, fork);
            run.awaitWritten(last, LIMIT);
            long sent = System.nanoTime();
            long reorgOffset = feeder.sendAndWait(Workloads.reorg(chain, BASE_BLOCK)).offset();
            run.await(() -> clock.lastCommittedOffset() >= reorgOffset, LIMIT, "commit the rollback at offset " + reorgOffset);
            commit.add((clock.lastCommitNanos() - sent) / 1e6);
            ProgressTracker.RolledBack r = run.tracker().lastRollback();
            detect.add((r.nanos() - sent) / 1e6);
            worstWait = Math.max(worstWait, (clock.lastCommitNanos() - r.nanos()) / 1e6);
            restored = r.restored();
        }
        return new Results.Rollback(depth, entities, restored, median(commit), median(detect), worstWait);
    }

    /** Sends blocks base+1 .. base+depth of one fork with the mints spread over them; returns the last offset. */
    private static long grow(TopicFeeder feeder, long chain, int depth, int mints, int fork) throws Exception {
        int perBlock = (mints + depth - 1) / depth;
        int minted = 0;
        long lastOffset = -1;
        for (int k = 1; k <= depth; k++) {
            long block = BASE_BLOCK + k;
            String hash = Workloads.blockHash(chain, block, fork);
            String parent = Workloads.blockHash(chain, block - 1, k == 1 ? 0 : fork);
            List<String> lines = new ArrayList<>();
            lines.add(Workloads.header(chain, block, hash, parent));
            for (int i = 0; i < perBlock && minted < mints; i++, minted++) {
                lines.add(Workloads.mint(chain, block, hash, i, Workloads.holder(chain * 10_000_000L + minted), 1 + minted));
            }
            for (int i = 0; i < lines.size(); i++) {
                if (k == depth && i == lines.size() - 1) {
                    lastOffset = feeder.sendAndWait(lines.get(i)).offset();
                } else {
                    feeder.send(lines.get(i));
                }
            }
        }
        return lastOffset;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
