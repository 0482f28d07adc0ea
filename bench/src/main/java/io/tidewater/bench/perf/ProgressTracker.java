package io.tidewater.bench.perf;

import io.tidewater.topology.api.IndexerListener;
import io.tidewater.topology.api.TaskProgress;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What the harness learns from the indexer while it runs: when the first record arrived, how
 * far it consumed and when, what it applied, and each rollback. Written on the stream thread,
 * read by the harness thread.
 */
final class ProgressTracker implements IndexerListener {
    /** The last rollback: when the stream thread finished it and how much it restored. */
    record RolledBack(long chainId, long nanos, int restored) {
    }

    private final AtomicLong firstConsumedNanos = new AtomicLong();
    private final AtomicLong lastConsumedOffset = new AtomicLong(-1);
    private final AtomicLong lastConsumedNanos = new AtomicLong();
    private final AtomicLong logsApplied = new AtomicLong();
    private final AtomicReference<TaskProgress> progress = new AtomicReference<>();
    private final AtomicReference<RolledBack> lastRollback = new AtomicReference<>();

    @Override
    public void recordConsumed(int partition, long offset) {
        long now = System.nanoTime();
        firstConsumedNanos.compareAndSet(0, now);
        lastConsumedOffset.set(offset);
        lastConsumedNanos.set(now);
    }

    @Override
    public void logApplied(long chainId, String event) {
        logsApplied.incrementAndGet();
    }

    @Override
    public void rolledBack(long chainId, long fromHead, long toBlock, int changesUndone) {
        lastRollback.set(new RolledBack(chainId, System.nanoTime(), changesUndone));
    }

    @Override
    public void progress(TaskProgress p) {
        progress.set(p);
    }

    long firstConsumedNanos() {
        return firstConsumedNanos.get();
    }

    long lastConsumedOffset() {
        return lastConsumedOffset.get();
    }

    long lastConsumedNanos() {
        return lastConsumedNanos.get();
    }

    long logsApplied() {
        return logsApplied.get();
    }

    RolledBack lastRollback() {
        return lastRollback.get();
    }

    /** Whether everything up to {@code offset} was consumed and, by the last report, written. */
    boolean caughtUp(long offset) {
        TaskProgress p = progress.get();
        return p != null && p.consumedOffset() >= offset && p.caughtUp();
    }
}
