package io.tidewater.app.runtime;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.tidewater.topology.api.Batch;
import io.tidewater.topology.api.BatchOutcome;
import io.tidewater.topology.api.ChainCheckpoint;
import io.tidewater.topology.api.IndexerListener;
import io.tidewater.topology.api.TaskProgress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Records what the indexer reports as Micrometer meters, and keeps the latest standing of
 * every chain and task for the progress display, {@code /ready} and the run summary. Written by
 * stream threads, read by anyone.
 */
public final class IndexerMetrics implements IndexerListener {
    public static final String RECORDS = "tidewater.records.consumed";
    public static final String LOGS = "tidewater.logs.applied";
    public static final String DUPLICATES = "tidewater.duplicates.skipped";
    public static final String UNHANDLED = "tidewater.events.unhandled";
    public static final String DEAD_LETTERS = "tidewater.dead.letters";
    public static final String ROLLBACKS = "tidewater.rollbacks";
    public static final String ROLLBACK_ENTITIES = "tidewater.rollback.entities";
    public static final String HEAD = "tidewater.chain.head";
    public static final String DIRTY = "tidewater.dirty.entities";

    /** One chain's latest standing. */
    public record ChainStanding(long head, long writtenBlock, long logsApplied) {
    }

    private final MeterRegistry registry;
    private final Counter records;
    private final Counter rollbackEntities;
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

    public IndexerMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.records = Counter.builder(RECORDS).description("Input records consumed, whatever became of them").register(registry);
        this.rollbackEntities = Counter.builder(ROLLBACK_ENTITIES).description("Entity changes undone by rollbacks").register(registry);
    }

    @Override
    public void recordConsumed(int partition, long offset) {
        records.increment();
    }

    @Override
    public void chainAdvanced(long chainId, long head) {
        chainGauge(heads, HEAD, "Highest block applied", chainId).set(head);
    }

    @Override
    public void logApplied(long chainId, String event) {
        logs.incrementAndGet();
        applied.computeIfAbsent(chainId, c -> new AtomicLong()).incrementAndGet();
        registry.counter(LOGS, "event", event).increment();
    }

    @Override
    public void duplicateSkipped(long chainId) {
        duplicates.incrementAndGet();
        registry.counter(DUPLICATES, "chain", Long.toString(chainId)).increment();
    }

    @Override
    public void unhandledEvent(long chainId, String event) {
        registry.counter(UNHANDLED, "event", event).increment();
    }

    @Override
    public void deadLettered(String category) {
        deadLetters.incrementAndGet();
        registry.counter(DEAD_LETTERS, "category", category).increment();
    }

    @Override
    public void rolledBack(long chainId, long fromHead, long toBlock, int changesUndone) {
        reorgs.incrementAndGet();
        registry.counter(ROLLBACKS, "chain", Long.toString(chainId)).increment();
        rollbackEntities.increment(changesUndone);
        chainGauge(heads, HEAD, "Highest block applied", chainId).set(toBlock);
    }

    @Override
    public void dirtyEntities(int partition, long count) {
        dirty.computeIfAbsent(partition, p -> {
            AtomicLong v = new AtomicLong();
            Gauge.builder(DIRTY, v, AtomicLong::get).description("Entities changed and not yet written")
                    .tag("partition", Integer.toString(p)).register(registry);
            return v;
        }).set(count);
    }

    @Override
    public void progress(TaskProgress progress) {
        tasks.put(progress.partition(), progress);
        dirtyEntities(progress.partition(), progress.dirty());
    }

    @Override
    public void batchCompleted(Batch batch, BatchOutcome outcome) {
        // The sink meters the written block (tidewater.sink.written.block); this copy feeds the display.
        for (ChainCheckpoint c : batch.chains().values()) {
            written.computeIfAbsent(c.chainId(), id -> new AtomicLong(-1)).set(c.block());
        }
    }

    @Override
    public void flushFailed(int partition, long unwritten, Throwable cause) {
        flushFailure.compareAndSet(null, cause);
    }

    public Map<Long, ChainStanding> chains() {
        Map<Long, ChainStanding> out = new java.util.TreeMap<>();
        heads.forEach((chain, head) -> out.put(chain, new ChainStanding(head.get(),
                written.getOrDefault(chain, new AtomicLong(-1)).get(),
                applied.getOrDefault(chain, new AtomicLong()).get())));
        return out;
    }

    /** A chain's live processed head, or -1 before its first block. */
    public long head(long chainId) {
        AtomicLong head = heads.get(chainId);
        return head == null ? -1 : head.get();
    }

    public Map<Integer, TaskProgress> tasks() {
        return Map.copyOf(tasks);
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

    /** Why a closing task could not flush, if one could not. */
    public Throwable flushFailure() {
        return flushFailure.get();
    }

    private AtomicLong chainGauge(Map<Long, AtomicLong> values, String name, String doc, long chainId) {
        return values.computeIfAbsent(chainId, c -> {
            AtomicLong v = new AtomicLong(-1);
            Gauge.builder(name, v, AtomicLong::get).description(doc).tag("chain", Long.toString(c)).register(registry);
            return v;
        });
    }
}
