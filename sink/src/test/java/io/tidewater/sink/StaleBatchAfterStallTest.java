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
import io.tidewater.topology.internals.faults.FaultConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The zombie case the chaos harness drives with real processes, here in one JVM: a writer
 * stalled before the transaction of a batch it already holds ({@code stall-before-batch}) while
 * a successor writes beyond that batch; when the stall ends, the stale batch is refused by the
 * forward-only rule and the successor's rows stay, and the zombie's signals say so.
 */
class StaleBatchAfterStallTest {
    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();

    @TempDir
    Path dir;

    @Test
    void aBatchHeldThroughATakeoverIsRefusedAndTheSuccessorsRowsStay() throws Exception {
        String schema = db.newSchema();
        SimpleMeterRegistry zombieMeters = new SimpleMeterRegistry();
        Path signals = dir.resolve("signals.jsonl");
        PostgresSinkConfig stallSecond = db.config(schema, FaultConfig.FAULTS_CONFIG, "stall-before-batch:2:3",
                FaultConfig.SIGNALS_PATH_CONFIG, signals.toString());
        try (PostgresSink zombie = PostgresSink.open(stallSecond, ENTITIES, zombieMeters, SinkOptions.DEFAULT);
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
            assertThat(stallSecond.faults().hasStalled()).isTrue();
            assertThat(zombieMeters.get(SinkMetrics.SKIPPED).counter().count()).isEqualTo(1);
            assertThat(db.rows("SELECT \"total_transfers\", \"volume\" FROM \"" + schema + "\".\"token\"")).containsExactly("3|25");
            assertThat(db.rows("SELECT \"input_offset\" FROM \"" + schema + "\".\"tidewater_progress\"")).containsExactly("25");
            assertThat(db.rows("SELECT \"written_block\" FROM \"" + schema + "\".\"tidewater_chain_progress\"")).containsExactly("65");
        }
        List<String> lines = Files.readAllLines(signals);
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).contains("\"signal\":\"stalled\"").contains("\"offset\":20").contains("\"point\":\"stall-before-batch\"");
        assertThat(lines.get(1)).contains("\"signal\":\"resumed\"").contains("\"offset\":20");
        assertThat(lines.get(2)).contains("\"signal\":\"batch-after-stall\"").contains("\"offset\":20")
                .contains("\"outcome\":\"refused\"").contains("\"storedOffset\":25");
        assertThat(lines.get(3)).contains("\"signal\":\"batch-refused\"").contains("\"offset\":20");
    }
}
