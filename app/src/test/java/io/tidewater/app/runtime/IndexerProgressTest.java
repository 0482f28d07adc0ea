package io.tidewater.app.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidewater.topology.api.Batch;
import io.tidewater.topology.api.BatchOutcome;
import io.tidewater.topology.api.ChainCheckpoint;
import io.tidewater.topology.api.TaskProgress;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the runtime decides from, kept without any meter registry. */
class IndexerProgressTest {
    private final IndexerProgress progress = new IndexerProgress();

    @Test
    void aChainsHeadFollowsAdvancesAndRollbacksAndItsWrittenBlockTheCompletedBatches() {
        assertThat(progress.head(1)).isEqualTo(-1);
        progress.chainAdvanced(1, 120);
        progress.rolledBack(1, 120, 117, 9);
        progress.batchCompleted(new Batch("in", 0, 41, Map.of(1L, new ChainCheckpoint(1, 110, "0xa")), List.of()),
                BatchOutcome.written(1_000));
        progress.logApplied(1, "Transfer");

        assertThat(progress.head(1)).isEqualTo(117);
        assertThat(progress.chains()).containsExactly(Map.entry(1L, new IndexerProgress.ChainStanding(117, 110, 1)));
        assertThat(progress.reorgs()).isEqualTo(1);
    }

    @Test
    void caughtUpOnceEveryPartitionWithInputIsConsumedAndWrittenAndAnEmptyOneNeverHoldsItBack() {
        Map<Integer, Long> ends = Map.of(0, 10L, 1, 0L);
        assertThat(progress.caughtUp(ends)).as("no task reported").isFalse();

        progress.progress(new TaskProgress(0, 9, 9, 5, 3, true));
        assertThat(progress.caughtUp(ends)).as("consumed, not yet written").isFalse();

        progress.progress(new TaskProgress(0, 9, 9, 9, 0, false));
        assertThat(progress.caughtUp(ends)).as("partition 1 never had input").isTrue();
    }

    @Test
    void aFailedFlushDuringTheShutdownIsKeptForTheExitCode() {
        assertThat(progress.flushFailure()).isNull();
        progress.shutdownStarted();
        IllegalStateException first = new IllegalStateException("sink down");
        progress.flushFailed(0, 12, first);
        progress.flushFailed(1, 3, new IllegalStateException("later"));

        assertThat(progress.flushFailure()).isSameAs(first);
    }

    @Test
    void aTaskClosedUnflushedBeforeTheShutdownIsAHandoverNotAFailure() {
        progress.flushFailed(0, 114, new IllegalStateException("producer fenced"));

        assertThat(progress.flushFailure()).isNull();
        assertThat(progress.unflushedHandovers()).isEqualTo(1);
    }
}
