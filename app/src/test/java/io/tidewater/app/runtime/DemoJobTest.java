package io.tidewater.app.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DemoJobTest {
    private static final String PSQL = "psql -h localhost -p 5433 -U postgres postgres";

    @Test
    void withoutKeepRunningNoPsqlCommandIsOfferedForTheStoppedDatabase() {
        List<String> lines = DemoJob.closingLines(false, PSQL);

        assertThat(String.join("\n", lines)).doesNotContain("psql -h").contains("--keep-running");
    }

    @Test
    void withKeepRunningThePsqlCommandsPointAtTheRunningDatabase() {
        List<String> lines = DemoJob.closingLines(true, PSQL);

        assertThat(lines).contains("  " + PSQL + " -c 'select * from token'", "  " + PSQL + " -c 'select * from tidewater_chains'");
        assertThat(lines.get(lines.size() - 1)).contains("Ctrl-C");
    }
}
