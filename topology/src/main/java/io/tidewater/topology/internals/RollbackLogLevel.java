package io.tidewater.topology.internals;

import org.slf4j.event.Level;

/**
 * How loudly one rollback is logged. Reorgs of a few blocks are routine on a live chain: they
 * are counted ({@code tidewater_rollbacks}) and summed up periodically by whoever runs the
 * topology, not logged one by one. A single rollback is worth a line when it comes near
 * {@code reorg.threshold}, where the next deeper one stops the indexer, or when it undoes so
 * many changes that it costs time.
 */
final class RollbackLogLevel {
    /** Changes undone from which one rollback is logged at INFO. */
    static final int MANY_CHANGES = 10_000;

    private RollbackLogLevel() {
    }

    static Level of(long depth, int changesUndone, int reorgThreshold) {
        if (depth * 2 > reorgThreshold) {
            return Level.WARN;
        }
        return changesUndone >= MANY_CHANGES ? Level.INFO : Level.DEBUG;
    }
}
