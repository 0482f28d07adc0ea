package io.tidewater.sink;

import static io.tidewater.sink.Changes.batch;
import static io.tidewater.sink.Changes.upsert;
import static io.tidewater.sink.PostgresSinkWriteTest.ENTITIES;
import static io.tidewater.sink.PostgresSinkWriteTest.TOKEN;
import static io.tidewater.sink.PostgresSinkWriteTest.token;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tidewater.topology.api.BatchOutcome;
import io.tidewater.topology.api.ChainCheckpoint;
import io.tidewater.topology.api.FaultInjector;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The zombie case the chaos harness drives with real processes, here in one JVM: a writer
 * stalled before the transaction of a batch it already holds ({@code stall-before-batch}) while
 * a successor writes beyond that batch; when the stall ends, the stale batch is refused by the
 * forward-only rule and the successor's rows stay.
 */
class StaleBatchAfterStallTest {
    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();

    @Test
    void aBatchHeldThroughATakeoverIsRefusedAndTheSuccessorsRowsStay() throws Exception {
        String schema = db.newSchema();
        SimpleMeterRegistry zombieMeters = new SimpleMeterRegistry();
        FaultInjector stallSecond = FaultInjector.fromEnvironment(Map.of(FaultInjector.ENVIRONMENT_VARIABLE, "stall-before-batch:2:3"));
        try (PostgresSink zombie = PostgresSink.open(db.config(schema), ENTITIES, zombieMeters, new SinkOptions(stallSecond, c -> -1));
                PostgresSink successor = PostgresSink.open(db.config(schema), ENTITIES, new SimpleMeterRegistry())) {
            RecordingCallback first = new RecordingCallback();
            zombie.submit(batch(0, 10, List.of(upsert(TOKEN, token("1-0xa", 1, "10", 1))), new ChainCheckpoint(1, 50, "0xh50")), first);
            assertThat(first.outcome().status()).isEqualTo(BatchOutcome.Status.WRITTEN);

            RecordingCallback stale = new RecordingCallback();
            zombie.submit(batch(0, 20, List.of(upsert(TOKEN, token("1-0xa", 2, "20", 1))), new ChainCheckpoint(1, 60, "0xh60")), stale);
            // The stall holds no lock: the successor writes beyond the held batch meanwhile.
            RecordingCallback newer = new RecordingCallback();
            successor.submit(batch(0, 25, List.of(upsert(TOKEN, token("1-0xa", 3, "25", 1))), new ChainCheckpoint(1, 65, "0xh65")), newer);
            assertThat(newer.outcome().status()).isEqualTo(BatchOutcome.Status.WRITTEN);
            assertThat(stale.done()).as("the zombie's batch is still held").isFalse();

            assertThat(stale.outcome().status()).isEqualTo(BatchOutcome.Status.SKIPPED);
            assertThat(stallSecond.hasStalled()).isTrue();
            assertThat(zombieMeters.get(SinkMetrics.SKIPPED).counter().count()).isEqualTo(1);
            assertThat(db.rows("SELECT \"total_transfers\", \"volume\" FROM \"" + schema + "\".\"token\"")).containsExactly("3|25");
            assertThat(db.rows("SELECT \"input_offset\" FROM \"" + schema + "\".\"tidewater_progress\"")).containsExactly("25");
            assertThat(db.rows("SELECT \"written_block\" FROM \"" + schema + "\".\"tidewater_chain_progress\"")).containsExactly("65");
        }
    }
}
