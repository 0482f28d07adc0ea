package io.tidewater.app.progress;

import java.util.Comparator;
import java.util.List;

/**
 * Everything the progress display shows at one moment. Built by whoever owns the counters
 * (an {@link io.tidewater.topology.api.IndexerListener}, say) and read from the display's thread,
 * so it must be an immutable copy.
 *
 * @param chains      per chain, any order; shown by chain id
 * @param dirtyEntities entities changed and not yet written, all tasks together: the dirty set
 *                    belongs to a partition's task, which may hold several chains
 * @param reorgs      rollbacks performed since start
 * @param deadLetters records sent to the dead-letter topic since start
 */
public record ProgressSnapshot(List<ChainProgress> chains, long dirtyEntities, long reorgs, long deadLetters) {
    public static final ProgressSnapshot EMPTY = new ProgressSnapshot(List.of(), 0, 0, 0);

    public ProgressSnapshot {
        chains = chains.stream().sorted(Comparator.comparingLong(ChainProgress::chainId)).toList();
    }

    public long eventsApplied() {
        return chains.stream().mapToLong(ChainProgress::eventsApplied).sum();
    }
}
