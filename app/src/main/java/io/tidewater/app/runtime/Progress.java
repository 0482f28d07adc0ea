package io.tidewater.app.runtime;

import io.tidewater.app.progress.ChainProgress;
import io.tidewater.app.progress.ProgressSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/** Turns where the indexer stands into what the progress display shows. */
final class Progress {
    private Progress() {
    }

    /** Where the indexer stands, for a log line: per chain, the block applied and the block written to Postgres. */
    static String line(IndexerProgress progress) {
        Map<Long, IndexerProgress.ChainStanding> chains = progress.chains();
        if (chains.isEmpty()) {
            return "indexer: nothing applied yet";
        }
        StringJoiner line = new StringJoiner("; ");
        chains.forEach((chain, s) -> line.add(String.format("indexed block %,d (%,d events), written block %s",
                s.head(), s.logsApplied(), s.writtenBlock() < 0 ? "none yet" : String.format("%,d", s.writtenBlock()))
                + (chains.size() > 1 ? " on chain " + chain : "")));
        return line.toString();
    }

    static ProgressSnapshot snapshot(IndexerProgress progress) {
        List<ChainProgress> chains = new ArrayList<>();
        progress.chains().forEach((chain, s) -> chains.add(new ChainProgress(chain, s.head(), s.writtenBlock(), s.logsApplied())));
        return new ProgressSnapshot(chains, progress.dirtyTotal(), progress.reorgs(), progress.deadLetters());
    }
}
