package io.tidewater.app.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Timer;
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
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Postgres stops for about 20 s in the middle of a run. Processing pauses under backpressure
 * instead of failing or rebalancing, catches up when the database is back, and the tables end
 * equal to the reference: no row lost, none doubled.
 */
@Tag("e2e")
class PostgresOutageTest {

    @TempDir
    Path dir;

    @Test
    void anOutageCausesBackpressureThenCatchUpWithNothingLost() throws Exception {
        ChainSimulator sim = new ChainSimulator(77, new SimOptions(new long[] {1, 10}, 3, 40, 5, 0.04, 8, 0.04, 0.3), false);
        List<String> lines = sim.generate(6_000);
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        EmbeddedPostgresServer postgres = EmbeddedPostgresServer.persistent(dir.resolve("pg"), port).start();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (EmbeddedKafka kafka = new EmbeddedKafka().start()) {
            IndexerRuntime runtime = IndexerRuntime.start(new IndexerRuntime.Settings(
                    new AppConfig(Map.of(AppConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                            AppConfig.APPLICATION_ID_CONFIG, "outage", AppConfig.STATE_DIR_CONFIG, dir.resolve("state").toString())),
                    new TidewaterConfig(Map.of(TidewaterConfig.INPUT_FORMAT_CONFIG, "json",
                            TidewaterConfig.BATCH_INTERVAL_MS_CONFIG, 100, TidewaterConfig.BATCH_SIZE_TRIGGER_CONFIG, 200,
                            TidewaterConfig.CAPACITY_TARGET_CONFIG, 400)),
                    new PostgresSinkConfig(Map.of(PostgresSinkConfig.JDBC_URL_CONFIG, postgres.jdbcUrl(),
                            PostgresSinkConfig.JDBC_USER_CONFIG, postgres.user(),
                            PostgresSinkConfig.RETRY_BACKOFF_MAX_MS_CONFIG, 1_000L,
                            PostgresSinkConfig.POOL_CONNECTION_TIMEOUT_MS_CONFIG, 1_000L)),
                    Map.of(), new Erc20Indexer()), registry);
            boolean stopped = false;
            try {
                Map<Integer, Long> ends;
                try (LineFeeder feeder = new LineFeeder(kafka.bootstrapServers(), "tidewater.input")) {
                    lines.subList(0, 2_000).forEach(feeder::send);
                    feeder.flush();
                    Thread.sleep(2_000);

                    postgres.close();
                    lines.subList(2_000, lines.size()).forEach(feeder::send);
                    ends = feeder.flush();
                    // How soon the capacity target is reached depends on the machine; how long the
                    // pause then lasts is the test's to choose.
                    long pauseDeadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
                    while (!runtime.paused() && System.nanoTime() < pauseDeadline) {
                        Thread.sleep(200);
                    }
                    assertThat(runtime.paused()).as("paused while Postgres is down").isTrue();
                    Thread.sleep(12_000);

                    Timer backpressure = registry.find(StreamsFlowControl.BACKPRESSURE_TIMER).timer();
                    assertThat(runtime.paused()).as("still paused while Postgres is down").isTrue();
                    assertThat(runtime.failure()).isEmpty();
                    assertThat(runtime.state()).isIn(KafkaStreams.State.RUNNING, KafkaStreams.State.REBALANCING);
                    long consumedWhileDown = runtime.progress().tasks().get(0).consumedOffset();
                    assertThat(consumedWhileDown).as("bounded by the capacity target, not the whole input")
                            .isLessThan(lines.size() - 1);

                    postgres = EmbeddedPostgresServer.persistent(dir.resolve("pg"), port).start();
                    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
                    while (!runtime.caughtUp(ends) && System.nanoTime() < deadline) {
                        Thread.sleep(200);
                    }
                    assertThat(runtime.caughtUp(ends)).isTrue();
                    assertThat(backpressure.count()).as("pauses recorded").isPositive();
                    assertThat(backpressure.totalTime(java.util.concurrent.TimeUnit.SECONDS)).isGreaterThan(10);
                }
                assertThat(runtime.shutdown(Duration.ofMinutes(1))).isZero();
                stopped = true;

                Map<String, TreeMap<String, Map<String, Object>>> expected = JsonlReference.tables(lines);
                Map<String, TreeMap<String, Map<String, Object>>> actual = Erc20Tables.dump(postgres.jdbcUrl(), postgres.user(),
                        postgres.password());
                for (String table : Erc20Tables.TABLES) {
                    assertThat(actual.get(table)).as(table).isEqualTo(expected.get(table));
                }
                assertThat(registry.find("tidewater.sink.retries").counters()).as("retries by cause").isNotEmpty();
            } finally {
                // A failed assertion must not leave the runtime retrying in the test JVM.
                if (!stopped) {
                    runtime.shutdown(Duration.ofSeconds(10));
                }
            }
        } finally {
            postgres.close();
        }
    }
}
