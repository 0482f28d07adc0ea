package io.tidewater.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidewater.app.embedded.EmbeddedKafka;
import io.tidewater.app.embedded.EmbeddedPostgresServer;
import io.tidewater.examples.erc20.reference.Erc20Tables;
import io.tidewater.examples.erc20.reference.JsonlReference;
import io.tidewater.examples.erc20.sim.ChainSimulator;
import io.tidewater.examples.erc20.sim.SimOptions;
import io.tidewater.topology.internals.faults.FaultHook;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code tidewater run} killed at a fault point, as {@code kill -9} would: no flush, no Kafka
 * commit. After a restart on the same state directory, the tables equal the reference.
 */
@Tag("e2e")
class CrashRecoveryTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"after-pg-commit:3", "mid-pg-transaction:2", "mid-rollback:3"})
    void killedAtAFaultPointThenRestartedEndsAsTheReference(String fault) throws Exception {
        ChainSimulator sim = new ChainSimulator(4242, new SimOptions(new long[] {1, 10}, 3, 20, 4, 0.08, 6, 0.05, 0.3), false);
        List<String> lines = sim.generate(2_000);
        Path input = Files.write(dir.resolve("input.jsonl"), lines);
        try (EmbeddedKafka kafka = new EmbeddedKafka().start();
                EmbeddedPostgresServer postgres = EmbeddedPostgresServer.temporary().start()) {
            Path config = RunConfig.write(dir, kafka, postgres, "crash",
                    "http.port=-1", "batch.interval.ms=100", "batch.size.trigger=50");
            try (CliProcess produce = CliProcess.start(dir, Map.of(), "produce", "--input", input.toString(),
                    "--bootstrap-servers", kafka.bootstrapServers(), "--format", "json")) {
                assertThat(produce.await(Duration.ofMinutes(1))).as(produce.stderr()).isZero();
            }

            Path signals = dir.resolve("signals.jsonl");
            // The internal keys, from the environment as the chaos harness sets them.
            try (CliProcess doomed = CliProcess.start(dir, Map.of("TIDEWATER_INTERNAL_FAULTS", fault,
                    "TIDEWATER_INTERNAL_FAULT_SIGNALS_PATH", signals.toString()), "run", "--config", config.toString())) {
                assertThat(doomed.await(Duration.ofMinutes(2))).as(CliProcess.tail(doomed.stderr()))
                        .isEqualTo(FaultHook.KILLED_EXIT_CODE);
                assertThat(doomed.stderr()).doesNotContain("maps to no config key");
            }
            assertThat(Files.readAllLines(signals)).as("the signals of the halted instance")
                    .anyMatch(l -> l.contains("\"signal\":\"streams-state\"") && l.contains("\"to\":\"RUNNING\""))
                    .last().asString().contains("\"signal\":\"halted\"").contains("\"point\":\"" + fault.split(":")[0] + "\"");

            Map<String, TreeMap<String, Map<String, Object>>> expected = JsonlReference.tables(lines);
            try (CliProcess recovered = CliProcess.start(dir, Map.of(), "run", "--config", config.toString())) {
                long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
                Map<String, TreeMap<String, Map<String, Object>>> actual = Map.of();
                while (System.nanoTime() < deadline) {
                    assertThat(recovered.alive()).as(CliProcess.tail(recovered.stderr())).isTrue();
                    actual = Erc20Tables.dump(postgres.jdbcUrl(), postgres.user(), postgres.password());
                    if (Erc20Tables.differences(expected, actual).isEmpty()) {
                        break;
                    }
                    Thread.sleep(500);
                }
                for (String table : Erc20Tables.TABLES) {
                    assertThat(actual.get(table)).as(table).isEqualTo(expected.get(table));
                }
                recovered.terminate();
                assertThat(recovered.await(Duration.ofMinutes(1))).as(CliProcess.tail(recovered.stderr())).isZero();
            }
        }
    }
}
