package io.tidewater.app.runtime;

import io.tidewater.topology.api.IndexerListener;
import io.tidewater.topology.api.TaskProgress;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/**
 * Sums up rollbacks in one log line per interval instead of a line each: how many, per chain,
 * the deepest, and the changes undone. Each rollback still counts at once in the metrics and the
 * progress display. The interval is checked on every rollback and on every task's progress
 * report (each batch interval), so a window is reported soon after it ends even when no rollback
 * follows; what is left is reported on {@link #close()}.
 *
 * <p>Threading: called by stream threads, synchronized: rollbacks and progress reports are rare
 * next to records.
 */
final class RollbackSummary implements IndexerListener, AutoCloseable {
    private final long intervalNanos;
    private final LongSupplier nanoClock;
    private final Consumer<String> out;
    private final Map<Long, Integer> perChain = new TreeMap<>();
    private long windowStart;
    private long deepest;
    private long changesUndone;

    /**
     * @param out       where a summary line goes, e.g. a logger at INFO
     * @param nanoClock {@link System#nanoTime()} outside tests
     */
    RollbackSummary(long intervalMillis, LongSupplier nanoClock, Consumer<String> out) {
        this.intervalNanos = intervalMillis * 1_000_000;
        this.nanoClock = nanoClock;
        this.out = out;
        this.windowStart = nanoClock.getAsLong();
    }

    @Override
    public synchronized void rolledBack(long chainId, long fromHead, long toBlock, int changes) {
        perChain.merge(chainId, 1, Integer::sum);
        deepest = Math.max(deepest, fromHead - toBlock);
        changesUndone += changes;
        reportIfDue();
    }

    @Override
    public synchronized void progress(TaskProgress progress) {
        reportIfDue();
    }

    @Override
    public synchronized void close() {
        report(nanoClock.getAsLong());
    }

    private void reportIfDue() {
        long now = nanoClock.getAsLong();
        if (now - windowStart >= intervalNanos) {
            report(now);
        }
    }

    private void report(long now) {
        if (!perChain.isEmpty()) {
            int count = perChain.values().stream().mapToInt(Integer::intValue).sum();
            String chains = perChain.entrySet().stream().map(e -> "chain " + e.getKey() + ": " + e.getValue())
                    .collect(Collectors.joining(", "));
            out.accept(String.format("%,d rollbacks in the last %d s (%s), the deepest %,d blocks, %,d changes undone", count,
                    Math.round((now - windowStart) / 1e9), chains, deepest, changesUndone));
        }
        perChain.clear();
        deepest = 0;
        changesUndone = 0;
        windowStart = now;
    }
}
