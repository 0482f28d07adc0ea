package io.tidewater.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidewater.app.embedded.EmbeddedKafka;
import io.tidewater.app.embedded.EmbeddedPostgresServer;
import io.tidewater.examples.erc20.reference.Erc20Tables;
import io.tidewater.examples.erc20.reference.JsonlReference;
import io.tidewater.examples.erc20.sim.ChainSimulator;
import io.tidewater.examples.erc20.sim.SimOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tidewater run} as production runs it, in its own JVM against a broker and a database
 * started by the test, fed by {@code tidewater produce} with JSON. Then SIGTERM, a restart on the
 * same state directory, more input, and the tables again.
 */
@Tag("e2e")
class RunEndToEndTest {

    @TempDir
    Path dir;

    @Test
    void runIndexesProducedInputStopsCleanlyOnSigtermAndResumesAfterARestart() throws Exception {
        ChainSimulator sim = new ChainSimulator(314, new SimOptions(new long[] {1, 10}, 3, 20, 4, 0.05, 8, 0.05, 0.3), false);
        List<String> first = sim.generate(1_500);
        List<String> second = sim.generate(1_000);
        Path part1 = Files.write(dir.resolve("part1.jsonl"), first);
        Path part2 = Files.write(dir.resolve("part2.jsonl"), second);
        List<String> all = new java.util.ArrayList<>(first);
        all.addAll(second);

        try (EmbeddedKafka kafka = new EmbeddedKafka().start();
                EmbeddedPostgresServer postgres = EmbeddedPostgresServer.temporary().start()) {
            int httpPort = freePort();
            Path config = RunConfig.write(dir, kafka, postgres, "run-e2e",
                    "http.port=" + httpPort,
                    // No batch is cut while running: only the shutdown flush can write phase one.
                    "batch.interval.ms=600000",
                    "batch.cut.on.rollback=false",
                    "batch.size.trigger=1000000",
                    "capacity.target=1000000");
            // An override from the environment, as a deployment would set it.
            Map<String, String> env = Map.of("TIDEWATER_REORG_THRESHOLD", "64");

            try (CliProcess run = CliProcess.start(dir, env, "run", "--config", config.toString())) {
                produce(kafka, part1);
                HttpClient http = HttpClient.newHttpClient();
                awaitConsumed(http, httpPort, first.size(), run);
                assertThat(PgTables.count(postgres.jdbcUrl(), postgres.user(), postgres.password(), "select count(*) from transfer"))
                        .as("nothing written before the shutdown flush").isZero();

                HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + httpPort + "/metrics")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(metrics.statusCode()).isEqualTo(200);
                assertThat(metrics.body()).contains("tidewater_logs_applied_total{event=\"Transfer\"}")
                        .contains("tidewater_sink_").contains("kafka_stream_");
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + httpPort + "/health")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(health.statusCode()).isEqualTo(200);
                assertThat(health.body()).contains("RUNNING").doesNotContain("password");

                run.terminate();
                assertThat(run.await(Duration.ofMinutes(2))).as(CliProcess.tail(run.stderr())).isZero();
            }
            Map<String, TreeMap<String, Map<String, Object>>> afterFirst = Erc20Tables.dump(postgres.jdbcUrl(), postgres.user(),
                    postgres.password());
            Map<String, TreeMap<String, Map<String, Object>>> expectedFirst = JsonlReference.tables(first);
            for (String table : Erc20Tables.TABLES) {
                assertThat(afterFirst.get(table)).as("flushed on SIGTERM: " + table).isEqualTo(expectedFirst.get(table));
            }

            Map<String, String> regularBatches = Map.of("TIDEWATER_REORG_THRESHOLD", "64", "TIDEWATER_BATCH_INTERVAL_MS", "200");
            try (CliProcess again = CliProcess.start(dir, regularBatches, "run", "--config", config.toString())) {
                produce(kafka, part2);
                awaitTables(postgres, JsonlReference.tables(all), again);
                again.terminate();
                assertThat(again.await(Duration.ofMinutes(2))).as(CliProcess.tail(again.stderr())).isZero();
            }
        }
    }

    private static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private void produce(EmbeddedKafka kafka, Path file) throws Exception {
        try (CliProcess produce = CliProcess.start(dir, Map.of(), "produce", "--input", file.toString(),
                "--bootstrap-servers", kafka.bootstrapServers(), "--format", "json")) {
            assertThat(produce.await(Duration.ofMinutes(1))).as(produce.stderr()).isZero();
        }
    }

    private static void awaitConsumed(HttpClient http, int port, int records, CliProcess run) throws Exception {
        String wanted = "tidewater_records_consumed_total " + records + ".0";
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        String body = "";
        while (System.nanoTime() < deadline) {
            assertThat(run.alive()).as("tidewater run died: " + CliProcess.tail(run.stderr())).isTrue();
            try {
                body = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/metrics")).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                if (body.contains(wanted)) {
                    return;
                }
            } catch (java.io.IOException notListeningYet) {
                // The endpoints start once the indexer has.
            }
            Thread.sleep(300);
        }
        assertThat(body).contains(wanted);
    }

    private static void awaitTables(EmbeddedPostgresServer pg, Map<String, TreeMap<String, Map<String, Object>>> expected,
            CliProcess run) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        Map<String, TreeMap<String, Map<String, Object>>> actual = Map.of();
        while (System.nanoTime() < deadline) {
            assertThat(run.alive()).as("tidewater run died: " + CliProcess.tail(run.stderr())).isTrue();
            try {
                actual = Erc20Tables.dump(pg.jdbcUrl(), pg.user(), pg.password());
                if (Erc20Tables.differences(expected, actual).isEmpty()) {
                    return;
                }
            } catch (java.sql.SQLException tablesNotYetCreated) {
                // The sink creates them at startup.
            }
            Thread.sleep(500);
        }
        for (String t : Erc20Tables.TABLES) {
            assertThat(actual.get(t)).as(t).isEqualTo(expected.get(t));
        }
    }
}
