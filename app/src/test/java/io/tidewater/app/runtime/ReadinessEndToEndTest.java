package io.tidewater.app.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tidewater.app.config.AppConfig;
import io.tidewater.app.embedded.EmbeddedKafka;
import io.tidewater.app.embedded.EmbeddedPostgresServer;
import io.tidewater.examples.erc20.Erc20Indexer;
import io.tidewater.examples.erc20.sim.ChainSimulator;
import io.tidewater.examples.erc20.sim.SimOptions;
import io.tidewater.sink.PostgresSinkConfig;
import io.tidewater.topology.TidewaterConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /ready} on a real broker, with an input topic of three partitions of which one never gets
 * a record: a burst consumed and written, then silence, must read as ready within seconds, twice.
 * Before, the idle partition's task, which never writes, kept it from ever being ready, and the
 * consumer's windowed records-lag-max kept reporting the burst long after it was consumed.
 */
@Tag("e2e")
class ReadinessEndToEndTest {
    private static final String TOPIC = "tidewater.input";
    private static final int PARTITIONS = 3;
    private static final int IDLE = 2;

    @TempDir
    Path dir;

    @Test
    void anIdlePartitionAndABurstFollowedBySilenceEndReady() throws Exception {
        long[] chains = {chainOnPartition(0), chainOnPartition(1)};
        ChainSimulator sim = new ChainSimulator(11, new SimOptions(chains, 3, 30, 4, 0.02, 4, 0.02, 0.3), false);
        try (EmbeddedKafka kafka = new EmbeddedKafka().start();
                EmbeddedPostgresServer postgres = EmbeddedPostgresServer.temporary().start()) {
            try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", kafka.bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic(TOPIC, PARTITIONS, (short) 1))).all().get();
            }
            Map<Integer, Long> firstBurst = feed(kafka, sim.generate(6_000));

            IndexerRuntime runtime = IndexerRuntime.start(new IndexerRuntime.Settings(
                    new AppConfig(Map.of(AppConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                            AppConfig.APPLICATION_ID_CONFIG, "readiness", AppConfig.STATE_DIR_CONFIG, dir.resolve("state").toString())),
                    new TidewaterConfig(Map.of(TidewaterConfig.INPUT_FORMAT_CONFIG, "json", TidewaterConfig.BATCH_INTERVAL_MS_CONFIG, 200)),
                    new PostgresSinkConfig(Map.of(PostgresSinkConfig.JDBC_URL_CONFIG, postgres.jdbcUrl(),
                            PostgresSinkConfig.JDBC_USER_CONFIG, postgres.user())),
                    Map.of(), new Erc20Indexer()), new SimpleMeterRegistry());
            try (Readiness readiness = new Readiness(runtime, runtime.adminSettings(), TOPIC, "readiness", Readiness.MAX_LAG)) {
                assertThat(firstBurst).as("the burst left one partition without input").doesNotContainKey(IDLE).hasSize(2);
                awaitTrue(() -> runtime.caughtUp(firstBurst), Duration.ofMinutes(2), "the first burst written");
                awaitTrue(readiness::ready, Duration.ofSeconds(10), "ready within seconds of the first burst's last write");
                assertThat(runtime.assignedPartitions(TOPIC)).containsExactly(0, 1, 2);
                assertThat(runtime.progress().tasks().get(IDLE).writtenOffset()).as("the idle partition's task never wrote")
                        .isEqualTo(-1);

                Map<Integer, Long> secondBurst = feed(kafka, sim.generate(4_000));
                awaitTrue(() -> runtime.caughtUp(secondBurst), Duration.ofMinutes(2), "the second burst written");
                awaitTrue(readiness::ready, Duration.ofSeconds(10), "ready within seconds of the second burst's last write");
            } finally {
                assertThat(runtime.shutdown(Duration.ofMinutes(1))).isZero();
            }
        }
    }

    /** The lowest chain id whose key the default partitioner puts on {@code partition}. */
    private static long chainOnPartition(int partition) {
        for (long chain = 1; ; chain++) {
            byte[] key = Long.toString(chain).getBytes(StandardCharsets.UTF_8);
            if (Utils.toPositive(Utils.murmur2(key)) % PARTITIONS == partition) {
                return chain;
            }
        }
    }

    private static Map<Integer, Long> feed(EmbeddedKafka kafka, List<String> lines) {
        try (LineFeeder feeder = new LineFeeder(kafka.bootstrapServers(), TOPIC)) {
            lines.forEach(feeder::send);
            return feeder.flush();
        }
    }

    private static void awaitTrue(BooleanSupplier condition, Duration timeout, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(condition.getAsBoolean()).as(what).isTrue();
    }
}
