package io.tidewater.sink;

import static io.tidewater.sink.Changes.batch;
import static io.tidewater.sink.Changes.upsert;
import static io.tidewater.sink.PostgresSinkWriteTest.BALANCE;
import static io.tidewater.sink.PostgresSinkWriteTest.ENTITIES;
import static io.tidewater.sink.PostgresSinkWriteTest.balance;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tidewater.topology.api.BatchOutcome;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Postgres goes away and comes back on the same port and data directory. */
@Tag("slow")
class PostgresRestartTest {
    private Path dataDirectory;
    private int port;
    private EmbeddedPostgres postgres;

    @BeforeEach
    void start() throws IOException {
        dataDirectory = Files.createTempDirectory("tidewater-sink-restart");
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        postgres = startPostgres();
    }

    @AfterEach
    void stop() throws IOException {
        if (postgres != null) {
            postgres.close();
        }
        try (Stream<Path> files = Files.walk(dataDirectory)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void aBatchSubmittedDuringAnOutageLandsWhenPostgresIsBack() throws Exception {
        TestDatabase db = TestDatabase.of(postgres);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (PostgresSink sink = PostgresSink.open(db.config("restart"), ENTITIES, registry)) {
            RecordingCallback first = new RecordingCallback();
            sink.submit(batch(0, 1, List.of(upsert(BALANCE, balance("1-0xa-0x1", "1-0xa", "0x1", "10")))), first);
            assertThat(first.outcome().status()).isEqualTo(BatchOutcome.Status.WRITTEN);

            postgres.close();
            postgres = null;
            RecordingCallback during = new RecordingCallback();
            sink.submit(batch(0, 2, List.of(upsert(BALANCE, balance("1-0xa-0x1", "1-0xa", "0x1", "20")))), during);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (retries(registry) < 3 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(retries(registry)).isGreaterThanOrEqualTo(3);
            assertThat(during.done()).isFalse();

            postgres = startPostgres();
            db = TestDatabase.of(postgres);
            assertThat(during.outcome(Duration.ofSeconds(60)).status()).isEqualTo(BatchOutcome.Status.WRITTEN);
            assertThat(during.calls()).isEqualTo(1);
        }
        assertThat(db.rows("SELECT \"amount\" FROM \"restart\".\"balance\"")).containsExactly("20");
        assertThat(db.rows("SELECT \"input_offset\" FROM \"restart\".\"tidewater_progress\"")).containsExactly("2");
    }

    @Test
    void withLimitedAttemptsAnOutageFailsTheBatchAndNothingMoves() throws Exception {
        TestDatabase db = TestDatabase.of(postgres);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (PostgresSink sink = PostgresSink.open(db.config("limited", PostgresSinkConfig.RETRY_MAX_ATTEMPTS_CONFIG, 3), ENTITIES,
                registry)) {
            RecordingCallback first = new RecordingCallback();
            sink.submit(batch(0, 1, List.of(upsert(BALANCE, balance("1-0xa-0x1", "1-0xa", "0x1", "10")))), first);
            assertThat(first.outcome().status()).isEqualTo(BatchOutcome.Status.WRITTEN);

            postgres.close();
            postgres = null;
            RecordingCallback during = new RecordingCallback();
            sink.submit(batch(0, 2, List.of(upsert(BALANCE, balance("1-0xa-0x1", "1-0xa", "0x1", "20")))), during);
            assertThat(during.error()).isInstanceOf(PostgresSinkException.class).hasMessageContaining("offset 2")
                    .hasMessageContaining("gave up after 3 attempts");
            assertThat(retries(registry)).isEqualTo(2);
        }
        postgres = startPostgres();
        db = TestDatabase.of(postgres);
        assertThat(db.rows("SELECT \"amount\" FROM \"limited\".\"balance\"")).containsExactly("10");
        assertThat(db.rows("SELECT \"input_offset\" FROM \"limited\".\"tidewater_progress\"")).containsExactly("1");
    }

    private EmbeddedPostgres startPostgres() throws IOException {
        return EmbeddedPostgres.builder().setPort(port).setDataDirectory(dataDirectory).setCleanDataDirectory(false).start();
    }

    private static double retries(SimpleMeterRegistry registry) {
        return registry.find(SinkMetrics.RETRIES).counters().stream().mapToDouble(Counter::count).sum();
    }
}
