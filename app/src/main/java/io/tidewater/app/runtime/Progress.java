package io.tidewater.app.runtime;

import io.tidewater.app.progress.ChainProgress;
import io.tidewater.app.progress.ProgressSnapshot;
import java.util.ArrayList;
import java.util.List;

/** Turns where the indexer stands into what the progress display shows. */
final class Progress {
    private Progress() {
    }

    static ProgressSnapshot snapshot(IndexerProgress progress) {
        List<ChainProgress> chains = new ArrayList<>();
        progress.chains().forEach((chain, s) -> chains.add(new ChainProgress(chain, s.head(), s.writtenBlock(), s.logsApplied())));
        return new ProgressSnapshot(chains, progress.dirtyTotal(), progress.reorgs(), progress.deadLetters());
    }
}
