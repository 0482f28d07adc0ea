package io.tidewater.app.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tidewater.topology.api.TaskProgress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The meters count what is reported, and their gauges show what the progress tracker holds. */
class IndexerMetersTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final IndexerProgress progress = new IndexerProgress();
    private final ListenerChain listener = new ListenerChain(List.of(progress, new IndexerMeters(registry, progress)));

    @Test
    void countersCountReportsAndGaugesReadTheProgress() {
        listener.recordConsumed(0, 0);
        listener.recordConsumed(0, 1);
        listener.chainAdvanced(10, 50);
        listener.logApplied(10, "Transfer");
        listener.rolledBack(10, 50, 48, 7);
        listener.progress(new TaskProgress(0, 1, 1, -1, 4, false));

        assertThat(registry.get(IndexerMeters.RECORDS).counter().count()).isEqualTo(2);
        assertThat(registry.get(IndexerMeters.LOGS).tag("event", "Transfer").counter().count()).isEqualTo(1);
        assertThat(registry.get(IndexerMeters.ROLLBACKS).tag("chain", "10").counter().count()).isEqualTo(1);
        assertThat(registry.get(IndexerMeters.ROLLBACK_ENTITIES).counter().count()).isEqualTo(7);
        assertThat(registry.get(IndexerMeters.HEAD).tag("chain", "10").gauge().value()).isEqualTo(48);
        assertThat(registry.get(IndexerMeters.DIRTY).tag("partition", "0").gauge().value()).isEqualTo(4);

        listener.chainAdvanced(10, 49);
        assertThat(registry.get(IndexerMeters.HEAD).tag("chain", "10").gauge().value()).isEqualTo(49);
        assertThat(registry.find(IndexerMeters.HEAD).gauges()).hasSize(1);
    }
}
