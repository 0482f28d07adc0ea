package io.tidewater.app.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KeepRunningTest {
    private static final Optional<String> PSQL = Optional.of("psql -h localhost -p 5433 -U postgres postgres");
    private static final List<String> TABLES = List.of("token", "balance", "transfer");

    @Test
    void withoutKeepRunningNoPsqlCommandIsOfferedForTheStoppedDatabase() {
        String lines = String.join("\n", KeepRunning.closingLines("./tidewater replay", false, PSQL, TABLES));

        assertThat(lines).doesNotContain("psql -h").contains("(token, balance, transfer)", "run ./tidewater replay with --keep-running");
    }

    @Test
    void withKeepRunningThePsqlCommandsPointAtTheRunningDatabase() {
        List<String> lines = KeepRunning.closingLines("./tidewater demo", true, PSQL, TABLES);

        assertThat(lines).contains("  " + PSQL.get() + " -c 'select * from token limit 10'",
                "  " + PSQL.get() + " -c 'select * from tidewater_chains'");
        assertThat(lines.get(lines.size() - 1)).contains("Ctrl-C");
    }

    @Test
    void aDatabaseOfTheUsersOwnNeedsNoHint() {
        assertThat(KeepRunning.closingLines("./tidewater replay", false, Optional.empty(), TABLES)).isEmpty();
        assertThat(KeepRunning.closingLines("./tidewater replay", true, Optional.empty(), TABLES)).isEmpty();
    }
}
