package io.tidewater.app.runtime;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.tidewater.topology.api.IndexerListener;
import io.tidewater.topology.api.TaskProgress;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Binds what the indexer reports to Micrometer meters, and decides nothing. Counters count the
 * reports; the gauges read {@link IndexerProgress}, which must hear each report first.
 *
 * <p>Threading: called by stream threads; Micrometer's meters are thread-safe.
 */
public final class IndexerMeters implements IndexerListener {
    public static final String RECORDS = "tidewater.records.consumed";
    public static final String LOGS = "tidewater.logs.applied";
    public static final String DUPLICATES = "tidewater.duplicates.skipped";
    public static final String UNHANDLED = "tidewater.events.unhandled";
    public static final String DEAD_LETTERS = "tidewater.dead.letters";
    public static final String ROLLBACKS = "tidewater.rollbacks";
    public static final String ROLLBACK_ENTITIES = "tidewater.rollback.entities";
    public static final String HEAD = "tidewater.chain.head";
    public static final String DIRTY = "tidewater.dirty.entities";

    private final MeterRegistry registry;
    private final IndexerProgress progress;
    private final Counter records;
    private final Counter rollbackEntities;
    private final Set<Long> chainGauges = ConcurrentHashMap.newKeySet();
    private final Set<Integer> dirtyGauges = ConcurrentHashMap.newKeySet();

    public IndexerMeters(MeterRegistry registry, IndexerProgress progress) {
        this.registry = registry;
        this.progress = progress;
        this.records = Counter.builder(RECORDS).description("Input records consumed, whatever became of them").register(registry);
        this.rollbackEntities = Counter.builder(ROLLBACK_ENTITIES).description("Entity changes undone by rollbacks").register(registry);
    }

    @Override
    public void recordConsumed(int partition, long offset) {
        records.increment();
    }

    @Override
    public void chainAdvanced(long chainId, long head) {
        headGauge(chainId);
    }

    @Override
    public void logApplied(long chainId, String event) {
        registry.counter(LOGS, "event", event).increment();
    }

    @Override
    public void duplicateSkipped(long chainId) {
        registry.counter(DUPLICATES, "chain", Long.toString(chainId)).increment();
    }

    @Override
    public void unhandledEvent(long chainId, String event) {
        registry.counter(UNHANDLED, "event", event).increment();
    }

    @Override
    public void deadLettered(String category) {
        registry.counter(DEAD_LETTERS, "category", category).increment();
    }

    @Override
    public void rolledBack(long chainId, long fromHead, long toBlock, int changesUndone) {
        registry.counter(ROLLBACKS, "chain", Long.toString(chainId)).increment();
        rollbackEntities.increment(changesUndone);
        headGauge(chainId);
    }

    @Override
    public void dirtyEntities(int partition, long count) {
        dirtyGauge(partition);
    }

    @Override
    public void progress(TaskProgress p) {
        dirtyGauge(p.partition());
    }

    private void headGauge(long chainId) {
        if (chainGauges.add(chainId)) {
            Gauge.builder(HEAD, progress, p -> p.head(chainId)).description("Highest block applied")
                    .tag("chain", Long.toString(chainId)).register(registry);
        }
    }

    private void dirtyGauge(int partition) {
        if (dirtyGauges.add(partition)) {
            Gauge.builder(DIRTY, progress, p -> p.dirty(partition)).description("Entities changed and not yet written")
                    .tag("partition", Integer.toString(partition)).register(registry);
        }
    }
}
