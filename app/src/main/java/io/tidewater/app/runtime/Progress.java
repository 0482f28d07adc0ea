package io.tidewater.app.runtime;

import io.tidewater.app.progress.ChainProgress;
import io.tidewater.app.progress.ProgressSnapshot;
import java.util.ArrayList;
import java.util.List;

/** Turns the indexer's metrics into what the progress display shows. */
final class Progress {
    private Progress() {
    }

    static ProgressSnapshot snapshot(IndexerMetrics metrics) {
        long dirty = metrics.dirtyTotal();
        List<ChainProgress> chains = new ArrayList<>();
        metrics.chains().forEach((chain, s) -> chains.add(new ChainProgress(chain, s.head(), s.writtenBlock(), s.logsApplied(), dirty)));
        return new ProgressSnapshot(chains, metrics.reorgs(), metrics.deadLetters());
    }
}
