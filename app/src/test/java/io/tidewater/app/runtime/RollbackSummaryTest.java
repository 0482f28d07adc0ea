package io.tidewater.app.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidewater.topology.api.TaskProgress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RollbackSummaryTest {
    private static final long SECOND = 1_000_000_000L;
    private static final TaskProgress TICK = new TaskProgress(0, 1, 1, 1, 0, false);

    private final AtomicLong now = new AtomicLong();
    private final List<String> lines = new ArrayList<>();
    private final RollbackSummary summary = new RollbackSummary(30_000, now::get, lines::add);

    @Test
    void manyRollbacksMakeOneLinePerInterval() {
        for (int i = 0; i < 500; i++) {
            now.set(i * 50_000_000L);
            summary.rolledBack(i % 2 == 0 ? 1 : 10, 100, i == 7 ? 90 : 99, 3);
        }
        assertThat(lines).isEmpty();

        now.set(31 * SECOND);
        summary.progress(TICK);

        assertThat(lines).containsExactly(
                "500 rollbacks in the last 31 s (chain 1: 250, chain 10: 250), the deepest 10 blocks, 1,500 changes undone");
    }

    @Test
    void aQuietWindowSaysNothingAndCloseReportsWhatIsLeft() {
        now.set(40 * SECOND);
        summary.progress(TICK);
        assertThat(lines).isEmpty();

        now.set(45 * SECOND);
        summary.rolledBack(137, 12, 11, 16);
        summary.close();

        assertThat(lines).containsExactly("1 rollbacks in the last 5 s (chain 137: 1), the deepest 1 blocks, 16 changes undone");
    }
}
