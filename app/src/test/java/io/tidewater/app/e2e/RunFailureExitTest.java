package io.tidewater.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidewater.app.embedded.EmbeddedKafka;
import io.tidewater.app.embedded.EmbeddedPostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tidewater run} that fails on its own (here: a table in the way, a permanent error)
 * exits at once with 1. It used to linger for the whole SIGTERM patience (3 minutes), because
 * its own System.exit ran the shutdown hook that waits for a signalled flush; the chaos
 * harness found it as an instance that said "run failed" and did not exit.
 */
@Tag("e2e")
class RunFailureExitTest {
    @TempDir
    Path dir;

    @Test
    void aFailedRunExitsPromptlyWithItsCode() throws Exception {
        try (EmbeddedKafka kafka = new EmbeddedKafka().start();
                EmbeddedPostgresServer postgres = EmbeddedPostgresServer.temporary().start()) {
            try (Connection c = DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), postgres.password());
                    Statement st = c.createStatement()) {
                st.execute("CREATE TABLE \"token\" (\"id\" integer PRIMARY KEY)");
            }
            Path config = Files.writeString(dir.resolve("tidewater.properties"), String.join("\n",
                    "bootstrap.servers=" + kafka.bootstrapServers(),
                    "application.id=failing",
                    "state.dir=" + dir.resolve("state"),
                    "jdbc.url=" + postgres.jdbcUrl(),
                    "jdbc.user=" + postgres.user(),
                    "http.port=-1",
                    "progress.interval.ms=0", ""));
            long started = System.nanoTime();
            try (CliProcess run = CliProcess.start(dir, Map.of(), "run", "--config", config.toString())) {
                assertThat(run.await(Duration.ofSeconds(90))).as(CliProcess.tail(run.stderr())).isEqualTo(1);
                assertThat(run.stderr()).contains("token");
            }
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(60));
        }
    }
}
