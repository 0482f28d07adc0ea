package io.tidewater.app.progress;

/**
 * One chain's progress, as counters: the display derives rates from two snapshots.
 *
 * @param headBlock     the highest block applied to the entity store, or {@link #NONE}
 * @param writtenBlock  the highest block whose changes are in Postgres, or {@link #NONE}
 * @param eventsApplied logs applied since start, cumulative
 */
public record ChainProgress(long chainId, long headBlock, long writtenBlock, long eventsApplied) {
    /** No block yet. */
    public static final long NONE = -1;
}
