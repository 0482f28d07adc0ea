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
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A crash while Kafka Streams deletes a task's state can leave a RocksDB store without the
 * MANIFEST its CURRENT file names (RELIABILITY.md, finding 9); Kafka Streams then fails in
 * {@code start()} on every restart. The runtime wipes the local state once and restores it from
 * the changelogs, and the tables end equal to the reference.
 */
@Tag("e2e")
class UnopenableStateTest {

    @TempDir
    Path dir;

    @Test
    void aStoreWithoutItsManifestIsWipedAndRestoredFromTheChangelogs() throws Exception {
        ChainSimulator sim = new ChainSimulator(41, SimOptions.small(), false);
        List<String> first = sim.generate(400);
        List<String> second = sim.generate(400);
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        try (EmbeddedKafka kafka = new EmbeddedKafka().start();
                EmbeddedPostgresServer postgres = EmbeddedPostgresServer.temporary().start();
                LineFeeder feeder = new LineFeeder(kafka.bootstrapServers(), "tidewater.input")) {
            first.forEach(feeder::send);
            runUntilCaughtUp(settings(kafka, postgres), feeder.flush());

            Path manifest = deleteAManifest(dir.resolve("state"));
            assertThat(manifest).doesNotExist();

            second.forEach(feeder::send);
            runUntilCaughtUp(settings(kafka, postgres), feeder.flush());

            Map<String, TreeMap<String, Map<String, Object>>> expected = JsonlReference.tables(all);
            Map<String, TreeMap<String, Map<String, Object>>> actual = Erc20Tables.dump(postgres.jdbcUrl(), postgres.user(),
                    postgres.password());
            for (String table : Erc20Tables.TABLES) {
                assertThat(actual.get(table)).as(table).isEqualTo(expected.get(table));
            }
        }
    }

    private IndexerRuntime.Settings settings(EmbeddedKafka kafka, EmbeddedPostgresServer postgres) {
        return new IndexerRuntime.Settings(
                new AppConfig(Map.of(AppConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                        AppConfig.APPLICATION_ID_CONFIG, "unopenable", AppConfig.STATE_DIR_CONFIG, dir.resolve("state").toString())),
                new TidewaterConfig(Map.of(TidewaterConfig.INPUT_FORMAT_CONFIG, "json", TidewaterConfig.BATCH_INTERVAL_MS_CONFIG, 100)),
                new PostgresSinkConfig(Map.of(PostgresSinkConfig.JDBC_URL_CONFIG, postgres.jdbcUrl(),
                        PostgresSinkConfig.JDBC_USER_CONFIG, postgres.user())),
                // The restarted client waits for the closed one's member to leave the group, by its
                // session's end: keep that short.
                Map.of("session.timeout.ms", "6000", "heartbeat.interval.ms", "1500"), new Erc20Indexer());
    }

    private static void runUntilCaughtUp(IndexerRuntime.Settings settings, Map<Integer, Long> ends) throws Exception {
        IndexerRuntime runtime = IndexerRuntime.start(settings, new SimpleMeterRegistry());
        try {
            long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            while (!runtime.caughtUp(ends) && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            assertThat(runtime.caughtUp(ends)).as("caught up").isTrue();
            assertThat(runtime.failure()).isEmpty();
        } finally {
            assertThat(runtime.shutdown(Duration.ofMinutes(1))).isZero();
        }
    }

    /** Deletes the MANIFEST that a store's CURRENT file names, as the interrupted deletion left it. */
    private static Path deleteAManifest(Path stateDir) throws IOException {
        try (Stream<Path> files = Files.walk(stateDir)) {
            Path current = files.filter(p -> p.getFileName().toString().equals("CURRENT")
                    && p.toString().contains("tidewater-entity-index")).findFirst().orElseThrow();
            Path manifest = current.resolveSibling(Files.readString(current, StandardCharsets.UTF_8).trim());
            Files.delete(manifest);
            return manifest;
        }
    }
}
