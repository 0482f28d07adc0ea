package io.tidewater.topology.api;

/**
 * What the indexer reports as it goes, for metrics and progress displays. Called on the stream
 * thread, except where noted; implementations must be cheap and safe to read from other threads.
 */
public interface IndexerListener {
    IndexerListener NONE = new IndexerListener() {
    };

    /** A record was consumed at this offset, whatever became of it. */
    default void recordConsumed(int partition, long offset) {
    }

    /** A log or block moved a chain's head. */
    default void chainAdvanced(long chainId, long head) {
    }

    default void logApplied(long chainId, String event) {
    }

    default void duplicateSkipped(long chainId) {
    }

    default void unhandledEvent(long chainId, String event) {
    }

    default void deadLettered(String category) {
    }

    /** @param changesUndone entity changes the rollback reverted; an entity changed twice counts twice, though it is restored once */
    default void rolledBack(long chainId, long fromHead, long toBlock, int changesUndone) {
    }

    default void dirtyEntities(int partition, long count) {
    }

    /** A task's standing, on every batch interval. */
    default void progress(TaskProgress progress) {
    }

    default void batchCut(int partition, long offset, int entities) {
    }

    default void batchCompleted(Batch batch, BatchOutcome outcome) {
    }

    /**
     * Closing a task could not write everything: the sink failed or the flush timed out. The
     * unwritten changes stay in the durable dirty set and are written after a restart; whoever
     * runs the topology should not report a clean shutdown.
     */
    default void flushFailed(int partition, long unwritten, Throwable cause) {
    }
}
