package io.tidewater.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The database a local run's printed {@code psql} command points at, as a user would connect to it. */
record PsqlLine(String jdbcUrl, String user) {
    private static final Pattern PSQL = Pattern.compile("psql -h localhost -p (\\d+) -U (\\S+) (\\S+)");

    /** Waits until the command prints {@code marker}, then reads the first psql command of its output. */
    static PsqlLine await(CliProcess process, String marker, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!process.stdout().contains(marker) && process.alive() && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        String out = process.stdout();
        assertThat(out).as(CliProcess.tail(process.stderr())).contains(marker);
        Matcher psql = PSQL.matcher(out);
        assertThat(psql.find()).as(out).isTrue();
        return new PsqlLine("jdbc:postgresql://localhost:" + psql.group(1) + "/" + psql.group(3), psql.group(2));
    }
}
