package io.tidewater.app.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidewater.topology.api.TaskProgress;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The readiness rule on given positions; {@link ReadinessEndToEndTest} asks a real broker. */
class ReadinessTest {
    private static final long MAX_LAG = 1_000;

    @Test
    void aPartitionThatNeverHadInputIsCaughtUp() {
        Map<Integer, TaskProgress> tasks = Map.of(0, new TaskProgress(0, 4_999, 4_999, 4_999, 0, false),
                1, new TaskProgress(1, -1, -1, -1, 0, false));

        assertThat(Readiness.lagging(Set.of(0, 1), Map.of(0, 5_000L, 1, 0L), Map.of(0, 5_000L), tasks, MAX_LAG)).isEmpty();
    }

    @Test
    void afterARestartAnIdlePartitionIsAsFarAsItsCommittedOffset() {
        // Nothing consumed since the restart: the task reports -1, the group's commit says 8,000.
        Map<Integer, TaskProgress> tasks = Map.of(0, new TaskProgress(0, -1, 7_999, 7_999, 0, false));

        assertThat(Readiness.lagging(Set.of(0), Map.of(0, 8_000L), Map.of(0, 8_000L), tasks, MAX_LAG)).isEmpty();
    }

    @Test
    void theLastRecordConsumedCountsBeforeItsOffsetIsCommitted() {
        Map<Integer, TaskProgress> tasks = Map.of(0, new TaskProgress(0, 2_999, 2_999, 2_900, 4, true));

        assertThat(Readiness.lagging(Set.of(0), Map.of(0, 3_000L), Map.of(), tasks, MAX_LAG)).isEmpty();
    }

    @Test
    void recordsLeftToConsumeOrToWriteBeyondTheAllowanceAreNotReady() {
        Map<Integer, TaskProgress> tasks = Map.of(0, new TaskProgress(0, 999, 999, 999, 0, false),
                1, new TaskProgress(1, 5_000, 5_000, 3_000, 900, true));

        assertThat(Readiness.lagging(Set.of(0, 1), Map.of(0, 2_001L, 1, 5_001L), Map.of(), tasks, MAX_LAG)).containsExactly(
                "partition 0: 1001 records to consume", "partition 1: 2000 records processed and not written");
    }

    @Test
    void aHeldPartitionWhoseTaskHasNotReportedIsNotReady() {
        assertThat(Readiness.lagging(Set.of(3), Map.of(3, 0L), Map.of(), Map.of(), MAX_LAG))
                .containsExactly("partition 3: its task has not reported yet");
    }
}
