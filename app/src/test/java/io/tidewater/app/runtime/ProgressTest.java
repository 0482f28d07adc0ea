package io.tidewater.app.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidewater.app.progress.ChainProgress;
import io.tidewater.app.progress.ProgressSnapshot;
import io.tidewater.topology.api.Batch;
import io.tidewater.topology.api.BatchOutcome;
import io.tidewater.topology.api.ChainCheckpoint;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProgressTest {

    @Test
    void dirtyEntitiesAreCountedOncePerTaskNotOncePerChain() {
        IndexerProgress progress = new IndexerProgress();
        progress.chainAdvanced(1, 100);
        progress.chainAdvanced(10, 7);
        progress.chainAdvanced(137, 3);
        progress.logApplied(1, "Transfer");
        progress.dirtyEntities(0, 5);
        progress.dirtyEntities(1, 3);

        ProgressSnapshot snapshot = Progress.snapshot(progress);

        assertThat(snapshot.dirtyEntities()).isEqualTo(8);
        assertThat(snapshot.chains()).containsExactly(
                new ChainProgress(1, 100, ChainProgress.NONE, 1),
                new ChainProgress(10, 7, ChainProgress.NONE, 0),
                new ChainProgress(137, 3, ChainProgress.NONE, 0));
    }

    @Test
    void theLogLineNamesTheBlockAppliedAndTheBlockWritten() {
        IndexerProgress progress = new IndexerProgress();
        assertThat(Progress.line(progress)).isEqualTo("indexer: nothing applied yet");

        progress.chainAdvanced(1, 1_200);
        progress.logApplied(1, "Transfer");
        assertThat(Progress.line(progress)).isEqualTo("indexed block 1,200 (1 events), written block none yet");

        progress.batchCompleted(new Batch("in", 0, 41, Map.of(1L, new ChainCheckpoint(1, 1_100, "0xa")), List.of()),
                BatchOutcome.written(1_000));
        progress.chainAdvanced(10, 7);
        assertThat(Progress.line(progress)).isEqualTo("indexed block 1,200 (1 events), written block 1,100 on chain 1; "
                + "indexed block 7 (0 events), written block none yet on chain 10");
    }
}
