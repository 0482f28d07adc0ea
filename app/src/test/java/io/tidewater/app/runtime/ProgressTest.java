package io.tidewater.app.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tidewater.app.progress.ChainProgress;
import io.tidewater.app.progress.ProgressSnapshot;
import org.junit.jupiter.api.Test;

class ProgressTest {

    @Test
    void dirtyEntitiesAreCountedOncePerTaskNotOncePerChain() {
        IndexerMetrics metrics = new IndexerMetrics(new SimpleMeterRegistry());
        metrics.chainAdvanced(1, 100);
        metrics.chainAdvanced(10, 7);
        metrics.chainAdvanced(137, 3);
        metrics.logApplied(1, "Transfer");
        metrics.dirtyEntities(0, 5);
        metrics.dirtyEntities(1, 3);

        ProgressSnapshot snapshot = Progress.snapshot(metrics);

        assertThat(snapshot.dirtyEntities()).isEqualTo(8);
        assertThat(snapshot.chains()).containsExactly(
                new ChainProgress(1, 100, ChainProgress.NONE, 1),
                new ChainProgress(10, 7, ChainProgress.NONE, 0),
                new ChainProgress(137, 3, ChainProgress.NONE, 0));
    }
}
