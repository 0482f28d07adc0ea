package io.tidewater.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidewater.app.embedded.EmbeddedKafka;
import io.tidewater.app.embedded.EmbeddedPostgresServer;
import io.tidewater.examples.erc20.sim.ChainSimulator;
import io.tidewater.examples.erc20.sim.SimOptions;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secrets given every way the docs allow (a password file, a password in the JDBC URL, Kafka
 * SASL and TLS passwords from the config and the environment) never show up in what
 * {@code tidewater run} prints at DEBUG, nor in {@code /health}, {@code /ready} or
 * {@code /metrics}: not while it runs, not while Postgres is down and errors are being retried,
 * not at shutdown.
 */
@Tag("e2e")
class SecretsTest {
    static final String FILE_PASSWORD = "pgFileSecret7f3a9c";
    static final String URL_PASSWORD = "pgUrlSecretC0ffee";
    static final String JAAS_PASSWORD = "jaasSecret51be";
    static final String TRUSTSTORE_PASSWORD = "truststoreSecret9d2e";
    static final List<String> SECRETS = List.of(FILE_PASSWORD, URL_PASSWORD, JAAS_PASSWORD, TRUSTSTORE_PASSWORD);

    @TempDir
    Path dir;

    @Test
    void noSecretAppearsInLogsOrEndpointsThroughADatabaseOutage() throws Exception {
        List<String> lines = new ChainSimulator(11, SimOptions.small(), false).generate(400);
        Path input = Files.write(dir.resolve("input.jsonl"), lines);
        int pgPort = freePort();
        int httpPort = freePort();
        EmbeddedPostgresServer postgres = EmbeddedPostgresServer.persistent(dir.resolve("pg"), pgPort).start();
        List<String> seen = new ArrayList<>();
        try (EmbeddedKafka kafka = new EmbeddedKafka().start()) {
            Path passwordFile = Files.writeString(dir.resolve("jdbc-password"), FILE_PASSWORD + "\n");
            Path config = Files.writeString(dir.resolve("tidewater.properties"), String.join("\n",
                    "bootstrap.servers=" + kafka.bootstrapServers(),
                    "application.id=secrets",
                    "state.dir=" + dir.resolve("state"),
                    "input.format=json",
                    // The server trusts loopback, so every password is accepted and none is needed.
                    "jdbc.url=" + postgres.jdbcUrl() + "&password=" + URL_PASSWORD,
                    "jdbc.user=" + postgres.user(),
                    "jdbc.password.file=" + passwordFile,
                    "pool.connection.timeout.ms=1000",
                    "retry.backoff.max.ms=500",
                    "http.port=" + httpPort,
                    "batch.interval.ms=100",
                    "progress.interval.ms=0",
                    // Ignored by a PLAINTEXT listener, but parsed and held by the clients all the same.
                    "kafka.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required "
                            + "username=\"u\" password=\"" + JAAS_PASSWORD + "\";", ""));
            Map<String, String> env = Map.of("TIDEWATER_LOG_LEVEL", "DEBUG",
                    "TIDEWATER_KAFKA_SSL_TRUSTSTORE_PASSWORD", TRUSTSTORE_PASSWORD);

            try (CliProcess run = CliProcess.start(dir, env, "run", "--config", config.toString())) {
                try (CliProcess produce = CliProcess.start(dir, Map.of(), "produce", "--input", input.toString(),
                        "--bootstrap-servers", kafka.bootstrapServers(), "--format", "json")) {
                    assertThat(produce.await(Duration.ofMinutes(1))).as(produce.stderr()).isZero();
                }
                HttpClient http = HttpClient.newHttpClient();
                awaitRows(postgres, run);
                seen.addAll(endpoints(http, httpPort));

                postgres.close();
                Thread.sleep(4_000);
                seen.addAll(endpoints(http, httpPort));
                postgres = EmbeddedPostgresServer.persistent(dir.resolve("pg"), pgPort).start();
                Thread.sleep(2_000);
                seen.addAll(endpoints(http, httpPort));

                run.terminate();
                assertThat(run.await(Duration.ofMinutes(2))).as(CliProcess.tail(run.stderr())).isZero();
                seen.add(run.stdout());
                seen.add(run.stderr());
            }
        } finally {
            postgres.close();
        }
        assertThat(String.join("\n", seen)).as("the run logged and served something").contains("secrets");
        for (String text : seen) {
            for (String secret : SECRETS) {
                assertThat(text).as("output must not contain a secret").doesNotContain(secret);
            }
        }
    }

    private static List<String> endpoints(HttpClient http, int port) throws Exception {
        List<String> bodies = new ArrayList<>();
        for (String path : List.of("/health", "/ready", "/metrics")) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            bodies.add(path + " " + r.statusCode() + "\n" + r.body());
        }
        return bodies;
    }

    private static void awaitRows(EmbeddedPostgresServer pg, CliProcess run) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(run.alive()).as(CliProcess.tail(run.stderr())).isTrue();
            try {
                if (PgTables.count(pg.jdbcUrl(), pg.user(), pg.password(), "select count(*) from transfer") > 0) {
                    return;
                }
            } catch (java.sql.SQLException notYetCreated) {
                // The sink creates the tables when it starts.
            }
            Thread.sleep(300);
        }
        throw new AssertionError("nothing written within 2 minutes:\n" + CliProcess.tail(run.stderr()));
    }

    private static int freePort() throws java.io.IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
