package io.tidewater.app.runtime;

import io.tidewater.topology.api.Batch;
import io.tidewater.topology.api.BatchOutcome;
import io.tidewater.topology.api.ChainCheckpoint;
import io.tidewater.topology.api.IndexerListener;
import io.tidewater.topology.api.TaskProgress;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Where the indexer stands, from what it reports: per chain the live head, the written block and
 * the logs applied; per task its latest {@link TaskProgress}; running totals; and why a task
 * closed by the shutdown could not flush. The runtime decides from it (the exit code, whether everything fed is
 * written, readiness), the sink records its heads in {@code tidewater_chains}, and the progress
 * display and the run summary show it. Meters are {@link IndexerMeters}' business.
 *
 * <p>Threading: written by stream threads, read by any thread (the sink's writer, HTTP, the
 * display); every value is a concurrent map entry or an atomic.
 */
public final class IndexerProgress implements IndexerListener {
    /** One chain's latest standing. */
    public record ChainStanding(long head, long writtenBlock, long logsApplied) {
    }

    private final Map<Long, AtomicLong> heads = new ConcurrentHashMap<>();
    private final Map<Long, AtomicLong> written = new ConcurrentHashMap<>();
    private final Map<Long, AtomicLong> applied = new ConcurrentHashMap<>();
    private final Map<Integer, AtomicLong> dirty = new ConcurrentHashMap<>();
    private final Map<Integer, TaskProgress> tasks = new ConcurrentHashMap<>();
    private final AtomicLong logs = new AtomicLong();
    private final AtomicLong reorgs = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong deadLetters = new AtomicLong();
    private final AtomicReference<Throwable> flushFailure = new AtomicReference<>();
    private final AtomicLong unflushedHandovers = new AtomicLong();
    private volatile boolean shuttingDown;

    @Override
    public void chainAdvanced(long chainId, long head) {
        chain(heads, chainId).set(head);
    }

    @Override
    public void logApplied(long chainId, String event) {
        logs.incrementAndGet();
        applied.computeIfAbsent(chainId, c -> new AtomicLong()).incrementAndGet();
    }

    @Override
    public void duplicateSkipped(long chainId) {
        duplicates.incrementAndGet();
    }

    @Override
    public void deadLettered(String category) {
        deadLetters.incrementAndGet();
    }

    @Override
    public void rolledBack(long chainId, long fromHead, long toBlock, int changesUndone) {
        reorgs.incrementAndGet();
        chain(heads, chainId).set(toBlock);
    }

    @Override
    public void dirtyEntities(int partition, long count) {
        dirty.computeIfAbsent(partition, p -> new AtomicLong()).set(count);
    }

    @Override
    public void progress(TaskProgress progress) {
        tasks.put(progress.partition(), progress);
        dirtyEntities(progress.partition(), progress.dirty());
    }

    @Override
    public void batchCompleted(Batch batch, BatchOutcome outcome) {
        for (ChainCheckpoint c : batch.chains().values()) {
            chain(written, c.chainId()).set(c.block());
        }
    }

    @Override
    public void flushFailed(int partition, long unwritten, Throwable cause) {
        if (shuttingDown) {
            flushFailure.compareAndSet(null, cause);
        } else {
            unflushedHandovers.incrementAndGet();
        }
    }

    /**
     * From now on a task that cannot flush on close leaves changes unwritten at the end of the
     * run ({@link #flushFailure()}). Before, a task closed without flushing (a rebalance, a
     * fencing after a broker bounce) hands its changes over in the durable dirty set: the next
     * owner of its partition, this instance or another, writes them.
     */
    public void shutdownStarted() {
        shuttingDown = true;
    }

    /** Tasks closed without flushing before the shutdown: handovers through the dirty set, not failures. */
    public long unflushedHandovers() {
        return unflushedHandovers.get();
    }

    /** Every chain seen so far, by chain id. */
    public Map<Long, ChainStanding> chains() {
        Map<Long, ChainStanding> out = new TreeMap<>();
        heads.forEach((chain, head) -> out.put(chain, new ChainStanding(head.get(), value(written, chain, -1),
                value(applied, chain, 0))));
        return out;
    }

    /** A chain's live processed head, or -1 before its first block. Safe on the sink's writer thread. */
    public long head(long chainId) {
        return value(heads, chainId, -1);
    }

    /** The entities a partition's task holds unwritten, as last reported; 0 for a task never heard of. */
    public long dirty(int partition) {
        AtomicLong n = dirty.get(partition);
        return n == null ? 0 : n.get();
    }

    /** Each task's latest standing, by input partition. A task revoked since keeps its last entry. */
    public Map<Integer, TaskProgress> tasks() {
        return Map.copyOf(tasks);
    }

    /**
     * True once every partition with input has been consumed up to {@code endOffsets} and its task
     * has written everything it changed. A partition that never had input (end offset 0) counts as
     * caught up: its task has nothing to consume nor to write.
     */
    public boolean caughtUp(Map<Integer, Long> endOffsets) {
        for (Map.Entry<Integer, Long> end : endOffsets.entrySet()) {
            if (end.getValue() <= 0) {
                continue;
            }
            TaskProgress p = tasks.get(end.getKey());
            if (p == null || p.consumedOffset() < end.getValue() - 1 || !p.caughtUp()) {
                return false;
            }
        }
        return true;
    }

    public long logsApplied() {
        return logs.get();
    }

    public long reorgs() {
        return reorgs.get();
    }

    public long duplicates() {
        return duplicates.get();
    }

    public long deadLetters() {
        return deadLetters.get();
    }

    public long dirtyTotal() {
        return dirty.values().stream().mapToLong(AtomicLong::get).sum();
    }

    /** Why a task closed by the shutdown could not flush, if one could not: then the run did not end clean. */
    public Throwable flushFailure() {
        return flushFailure.get();
    }

    private static AtomicLong chain(Map<Long, AtomicLong> values, long chainId) {
        return values.computeIfAbsent(chainId, c -> new AtomicLong(-1));
    }

    private static long value(Map<Long, AtomicLong> values, long chainId, long absent) {
        AtomicLong v = values.get(chainId);
        return v == null ? absent : v.get();
    }
}
