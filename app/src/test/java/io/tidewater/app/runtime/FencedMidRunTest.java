package io.tidewater.app.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tidewater.app.config.AppConfig;
import io.tidewater.app.embedded.EmbeddedKafka;
import io.tidewater.app.embedded.EmbeddedPostgresServer;
import io.tidewater.examples.erc20.Erc20Indexer;
import io.tidewater.examples.erc20.reference.Erc20Tables;
import io.tidewater.examples.erc20.reference.JsonlReference;
import io.tidewater.examples.erc20.sim.ChainSimulator;
import io.tidewater.examples.erc20.sim.SimOptions;
import io.tidewater.sink.PostgresSinkConfig;
import io.tidewater.topology.TidewaterConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.ThreadMetadata;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Streams client fenced in the middle of a run (a broker bounce that outlasts the transaction
 * timeout, or another producer of its transactional id) closes its tasks dirty and rejoins. Their
 * unwritten changes stay in the durable dirty set and are written once the tasks are back: a
 * handover, not a loss. So a later SIGTERM that flushes everything exits 0. (Found by the chaos
 * harness on the three-broker cluster: every run that had such a close ended its final stop with
 * exit 1, "shutdown could not write everything", though the tables were complete.)
 */
@Tag("e2e")
class FencedMidRunTest {
    @TempDir
    Path dir;

    @Test
    void aTaskClosedUnflushedByAFencingMidRunDoesNotFailTheLaterCleanShutdown() throws Exception {
        ChainSimulator sim = new ChainSimulator(43, SimOptions.small(), false);
        List<String> all = new ArrayList<>();
        try (EmbeddedKafka kafka = new EmbeddedKafka().start();
                EmbeddedPostgresServer postgres = EmbeddedPostgresServer.temporary().start();
                LineFeeder feeder = new LineFeeder(kafka.bootstrapServers(), "tidewater.input")) {
            IndexerRuntime runtime = IndexerRuntime.start(settings(kafka, postgres), new SimpleMeterRegistry());
            int code;
            try {
                awaitRunning(runtime);
                // Fence it while it has work in hand, until one of its tasks closes without flushing.
                for (int round = 0; round < 20 && runtime.progress().unflushedHandovers() == 0; round++) {
                    List<String> chunk = sim.generate(2_000);
                    all.addAll(chunk);
                    chunk.forEach(feeder::send);
                    feeder.flush();
                    Thread.sleep(100);
                    // Looked up each round: a fencing that races the thread's own commit replaces the
                    // thread, and its successor has a transactional id of its own.
                    fence(kafka, transactionalId(runtime));
                    awaitRunning(runtime);
                }
                assertThat(runtime.progress().unflushedHandovers()).as("a task closed without flushing mid-run").isPositive();

                List<String> last = sim.generate(400);
                all.addAll(last);
                last.forEach(feeder::send);
                Map<Integer, Long> ends = feeder.flush();
                long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
                while (!runtime.caughtUp(ends) && System.nanoTime() < deadline) {
                    Thread.sleep(200);
                }
                assertThat(runtime.caughtUp(ends)).as("caught up after the fencing").isTrue();
                assertThat(runtime.failure()).isEmpty();
            } finally {
                code = runtime.shutdown(Duration.ofMinutes(1));
            }
            assertThat(code).as("a clean shutdown after a mid-run handover").isZero();
            Map<String, TreeMap<String, Map<String, Object>>> expected = JsonlReference.tables(all);
            Map<String, TreeMap<String, Map<String, Object>>> actual = Erc20Tables.dump(postgres.jdbcUrl(), postgres.user(),
                    postgres.password());
            assertThat(Erc20Tables.differences(expected, actual)).isEmpty();
        }
    }

    /** Another producer of the same transactional id: the broker bumps the epoch and the client's producer is fenced. */
    private static void fence(EmbeddedKafka kafka, String transactionalId) {
        try (KafkaProducer<byte[], byte[]> usurper = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers(), ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId), new ByteArraySerializer(),
                new ByteArraySerializer())) {
            usurper.initTransactions();
        }
    }

    /** Under exactly_once_v2 a stream thread's transactional id is its client id prefix and its index: "<app>-<process>-1". */
    private static String transactionalId(IndexerRuntime runtime) {
        ThreadMetadata thread = runtime.threads().iterator().next();
        return thread.threadName().replace("-StreamThread-", "-");
    }

    private static void awaitRunning(IndexerRuntime runtime) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (runtime.state() != org.apache.kafka.streams.KafkaStreams.State.RUNNING && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(runtime.state()).isEqualTo(org.apache.kafka.streams.KafkaStreams.State.RUNNING);
    }

    private IndexerRuntime.Settings settings(EmbeddedKafka kafka, EmbeddedPostgresServer postgres) {
        return new IndexerRuntime.Settings(
                new AppConfig(Map.of(AppConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                        AppConfig.APPLICATION_ID_CONFIG, "fenced", AppConfig.STATE_DIR_CONFIG, dir.resolve("state").toString())),
                new TidewaterConfig(Map.of(TidewaterConfig.INPUT_FORMAT_CONFIG, "json", TidewaterConfig.BATCH_INTERVAL_MS_CONFIG, 100)),
                new PostgresSinkConfig(Map.of(PostgresSinkConfig.JDBC_URL_CONFIG, postgres.jdbcUrl(),
                        PostgresSinkConfig.JDBC_USER_CONFIG, postgres.user())),
                Map.of(), new Erc20Indexer());
    }
}
