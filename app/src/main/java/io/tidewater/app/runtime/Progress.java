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
        List<ChainProgress> chains = new ArrayList<>();
        metrics.chains().forEach((chain, s) -> chains.add(new ChainProgress(chain, s.head(), s.writtenBlock(), s.logsApplied())));
        return new ProgressSnapshot(chains, metrics.dirtyTotal(), metrics.reorgs(), metrics.deadLetters());
    }
}
