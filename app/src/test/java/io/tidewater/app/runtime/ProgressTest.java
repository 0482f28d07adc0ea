package io.tidewater.app.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidewater.app.progress.ChainProgress;
import io.tidewater.app.progress.ProgressSnapshot;
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
}
