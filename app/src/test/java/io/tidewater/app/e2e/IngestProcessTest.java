package io.tidewater.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidewater.app.ExitCode;
import io.tidewater.app.embedded.EmbeddedKafka;
import io.tidewater.app.embedded.EmbeddedPostgresServer;
import io.tidewater.app.ingest.ExpectedTables;
import io.tidewater.app.ingest.ProducedChain;
import io.tidewater.app.ingest.TopicRecords;
import io.tidewater.examples.erc20.reference.Erc20Tables;
import io.tidewater.serdes.InputFormat;
import io.tidewater.testkit.node.FakeJsonRpcNode;
import io.tidewater.testkit.node.SimulatedChain;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tidewater ingest} in its own JVM, as an orchestrator runs it: killed, restarted, stopped by a deep fork. */
@Tag("e2e")
class IngestProcessTest {
    private static final String TOPIC = "tidewater.input";

    @TempDir
    Path dir;

    @Test
    void killedMidBackfillThenRestartedLeavesNoGapAndNoExtraRows() throws Exception {
        SimulatedChain chain = new SimulatedChain(1, 211, SimulatedChain.Options.defaults());
        chain.mine(1_200);
        try (EmbeddedKafka kafka = new EmbeddedKafka().start();
                EmbeddedPostgresServer postgres = EmbeddedPostgresServer.temporary().start();
                FakeJsonRpcNode node = FakeJsonRpcNode.start(chain)) {
            Map<String, String> slow = Map.of("TIDEWATER_GETLOGS_RANGE_INITIAL", "10", "TIDEWATER_GETLOGS_RANGE_MAX", "10");
            try (CliProcess doomed = CliProcess.start(dir, slow, ingest(node, kafka, "--to-block", "1200",
                    "--max-requests-per-second", "300"))) {
                await(() -> endOffset(kafka) > 1_000 || !doomed.alive(), "records on the topic");
                assertThat(doomed.alive()).as(CliProcess.tail(doomed.stderr())).isTrue();
                doomed.kill();
            }
            ProducedChain cut = ProducedChain.of(TopicRecords.read(kafka.bootstrapServers(), TOPIC, InputFormat.AVRO));
            assertThat(cut.highestBlock()).isBetween(1L, 1_199L);

            try (CliProcess restarted = CliProcess.start(dir, Map.of(), ingest(node, kafka, "--to-block", "1200"))) {
                assertThat(restarted.await(Duration.ofMinutes(2))).as(CliProcess.tail(restarted.stderr())).isZero();
                assertThat(restarted.stdout()).contains("going on from block " + cut.highestBlock());
            }
            ProducedChain produced = ProducedChain.of(TopicRecords.read(kafka.bootstrapServers(), TOPIC, InputFormat.AVRO));
            assertThat(produced.violations()).isEmpty();
            assertThat(produced.logs()).isEqualTo(ProducedChain.canonical(chain));
            assertThat(produced.resentBlocks()).isEqualTo(1);
            assertThat(produced.duplicateLogs()).isLessThanOrEqualTo(chain.block(cut.highestBlock()).orElseThrow().logs().size());

            Path config = RunConfig.write(dir, kafka, postgres, "after-kill", "http.port=-1", "input.format=avro");
            Map<String, TreeMap<String, Map<String, Object>>> expected = ExpectedTables.of(chain);
            try (CliProcess indexer = CliProcess.start(dir, Map.of(), "run", "--config", config.toString())) {
                String[] differences = {"not compared yet"};
                await(() -> {
                    try {
                        differences[0] = Erc20Tables.differences(expected, Erc20Tables.dump(postgres.jdbcUrl(), postgres.user(),
                                postgres.password()));
                    } catch (java.sql.SQLException e) {
                        differences[0] = e.getMessage();
                    }
                    return differences[0].isEmpty() || !indexer.alive();
                }, "the tables");
                assertThat(differences[0]).as(CliProcess.tail(indexer.stderr())).isEmpty();
                indexer.terminate();
                assertThat(indexer.await(Duration.ofMinutes(1))).isZero();
            }
        }
    }

    @Test
    void aForkDeeperThanTheThresholdExitsWithCode3() throws Exception {
        SimulatedChain chain = new SimulatedChain(1, 223, SimulatedChain.Options.defaults());
        chain.mine(60);
        try (EmbeddedKafka kafka = new EmbeddedKafka().start();
                FakeJsonRpcNode node = FakeJsonRpcNode.start(chain);
                CliProcess follower = CliProcess.start(dir, Map.of("TIDEWATER_POLL_INTERVAL_MS", "100"),
                        ingest(node, kafka, "--follow", "--reorg-threshold", "5"))) {
            await(() -> ProducedChain.of(TopicRecords.read(kafka.bootstrapServers(), TOPIC, InputFormat.AVRO)).highestBlock() == 60
                    || !follower.alive(), "the backfill");
            chain.reorg(10);
            chain.mine(1);
            assertThat(follower.await(Duration.ofMinutes(1))).as(CliProcess.tail(follower.stderr())).isEqualTo(ExitCode.DEEP_REORG);
            assertThat(follower.stderr()).contains("tidewater ingest: deep reorg on chain 1");
            assertThat(ProducedChain.of(TopicRecords.read(kafka.bootstrapServers(), TOPIC, InputFormat.AVRO)).reorgs()).isEmpty();
        }
    }

    private static String[] ingest(FakeJsonRpcNode node, EmbeddedKafka kafka, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("ingest", "--rpc-url", node.url(), "--bootstrap-servers",
                kafka.bootstrapServers(), "--http-port", "-1"));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    private static long endOffset(EmbeddedKafka kafka) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", kafka.bootstrapServers()),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(TOPIC).stream().map(p -> new TopicPartition(TOPIC, p.partition())).toList();
            return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
        } catch (RuntimeException e) {
            return 0;
        }
    }

    /** Waits for a condition; the bound is generous, speed is the bench's business. */
    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("gave up waiting for " + what);
            }
            Thread.sleep(300);
        }
    }
}
