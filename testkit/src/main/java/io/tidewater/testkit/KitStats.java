package io.tidewater.testkit;

import io.tidewater.topology.api.IndexerListener;
import java.util.Map;
import java.util.TreeMap;

/** Counts what the indexer reports, on the driver's thread. */
final class KitStats implements IndexerListener {
    private long logs;
    private long duplicates;
    private long rollbacks;
    private final Map<String, Long> unhandled = new TreeMap<>();
    private final Map<String, Long> deadLetters = new TreeMap<>();

    @Override
    public void logApplied(long chainId, String event) {
        logs++;
    }

    @Override
    public void duplicateSkipped(long chainId) {
        duplicates++;
    }

    @Override
    public void unhandledEvent(long chainId, String event) {
        unhandled.merge(event, 1L, Long::sum);
    }

    @Override
    public void deadLettered(String category) {
        deadLetters.merge(category, 1L, Long::sum);
    }

    @Override
    public void rolledBack(long chainId, long fromHead, long toBlock, int changesUndone) {
        rollbacks++;
    }

    Stats snapshot() {
        return new Stats(logs, Map.copyOf(unhandled), duplicates, rollbacks, Map.copyOf(deadLetters));
    }
}
