package io.tidewater.app.e2e;

import io.tidewater.app.embedded.EmbeddedKafka;
import io.tidewater.app.embedded.EmbeddedPostgresServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A {@code tidewater run} config file pointing at a test's broker and database. */
final class RunConfig {
    private RunConfig() {
    }

    static Path write(Path dir, EmbeddedKafka kafka, EmbeddedPostgresServer postgres, String applicationId, String... extra)
            throws IOException {
        List<String> lines = new ArrayList<>(List.of(
                "bootstrap.servers=" + kafka.bootstrapServers(),
                "application.id=" + applicationId,
                "state.dir=" + dir.resolve("state"),
                "input.format=json",
                "jdbc.url=" + postgres.jdbcUrl(),
                "jdbc.user=" + postgres.user(),
                "progress.interval.ms=0",
                // A restarted instance waits for the killed or closed one's member to leave the
                // group, by its session's end (45 s by default): keep that short.
                "kafka.session.timeout.ms=6000",
                "kafka.heartbeat.interval.ms=1500"));
        lines.addAll(List.of(extra));
        return Files.write(dir.resolve("tidewater.properties"), lines);
    }
}
