package io.tidewater.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidewater.app.embedded.EmbeddedPostgresServer;
import io.tidewater.examples.erc20.reference.Erc20Tables;
import io.tidewater.examples.erc20.reference.JsonlReference;
import io.tidewater.examples.erc20.sim.ChainSimulator;
import io.tidewater.examples.erc20.sim.SimOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tidewater replay} in its own JVM, as a user runs it: a generated file with several
 * chains, explicit and implicit reorgs and duplicates must leave Postgres equal to a reference
 * computed from the file alone.
 */
@Tag("e2e")
class ReplayEndToEndTest {
    static EmbeddedPostgresServer postgres;

    @TempDir
    Path dir;

    @BeforeAll
    static void startPostgres() {
        postgres = EmbeddedPostgresServer.temporary().start();
    }

    @AfterAll
    static void stopPostgres() {
        postgres.close();
    }

    private String database(String name) throws Exception {
        return PgTables.createDatabase(postgres, name);
    }

    @Test
    void aReplayedFileEndsAsTheReferenceOfItsCanonicalHistory() throws Exception {
        ChainSimulator sim = new ChainSimulator(2026, new SimOptions(new long[] {1, 10, 137}, 3, 30, 5, 0.06, 12, 0.06, 0.3), false);
        List<String> lines = sim.generate(3_000);
        Path input = dir.resolve("stream.jsonl");
        Files.write(input, lines);
        String url = database("replay_e2e");

        try (CliProcess replay = CliProcess.start(dir, Map.of(), "replay", "--input", input.toString(), "--jdbc-url", url)) {
            int code = replay.await(Duration.ofMinutes(3));
            assertThat(code).as(CliProcess.tail(replay.stderr())).isZero();
            assertThat(replay.stdout()).contains("Indexed 3,").contains("reorgs").contains("balance");
        }

        Map<String, TreeMap<String, Map<String, Object>>> expected = JsonlReference.tables(lines);
        Map<String, TreeMap<String, Map<String, Object>>> actual = Erc20Tables.dump(url, postgres.user(), postgres.password());
        assertThat(sim.counts().keySet()).contains(ChainSimulator.Kind.EXPLICIT_REORG, ChainSimulator.Kind.IMPLICIT_REORG,
                ChainSimulator.Kind.DUPLICATE);
        for (String table : Erc20Tables.TABLES) {
            assertThat(actual.get(table)).as(table).isEqualTo(expected.get(table));
        }
        assertThat(expected.get("transfer")).hasSizeGreaterThan(1000);
    }

    /** What a user who asked to keep the embedded database gets: the psql line it prints answers, until SIGTERM. */
    @Test
    void keepRunningServesTheTablesOfTheEmbeddedDatabaseUntilStopped() throws Exception {
        ChainSimulator sim = new ChainSimulator(11, new SimOptions(new long[] {1}, 2, 10, 3, 0.0, 1, 0.0, 0.5), false);
        List<String> lines = sim.generate(300);
        Path input = Files.write(dir.resolve("stream.jsonl"), lines);

        try (CliProcess replay = CliProcess.start(dir, Map.of(), "replay", "--input", input.toString(), "--keep-running")) {
            PsqlLine db = PsqlLine.await(replay, "press Ctrl-C", Duration.ofMinutes(3));
            try (var c = java.sql.DriverManager.getConnection(db.jdbcUrl(), db.user(), "");
                    var rs = c.createStatement().executeQuery("select count(*) from transfer")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(JsonlReference.tables(lines).get("transfer").size()).isPositive();
            }
            assertThat(replay.alive()).isTrue();

            replay.terminate();
            assertThat(replay.await(Duration.ofMinutes(1))).isZero();
        }
    }

    @Test
    void aPermanentDatabaseErrorStopsTheRunNamingTheTableAndSqlState() throws Exception {
        ChainSimulator sim = new ChainSimulator(5, new SimOptions(new long[] {1}, 2, 10, 3, 0.0, 1, 0.0, 0.5), false);
        Path input = Files.write(dir.resolve("stream.jsonl"), sim.generate(300));
        String url = database("replay_permanent");
        try (var c = java.sql.DriverManager.getConnection(url, postgres.user(), postgres.password()); var st = c.createStatement()) {
            // The table the sink would create, plus a rule every balance breaks (so the first batch
            // fails however few records it holds): a permanent error, not a transient one.
            st.execute("create table balance (id text primary key, token text not null, holder text not null, "
                    + "amount numeric not null check (amount < 0))");
        }

        try (CliProcess replay = CliProcess.start(dir, Map.of(), "replay", "--input", input.toString(), "--jdbc-url", url)) {
            int code = replay.await(Duration.ofMinutes(3));
            assertThat(code).as(CliProcess.tail(replay.stderr())).isEqualTo(1);
            assertThat(replay.stderr()).contains("balance").contains("23514");
        }
        assertThat(PgTables.count(url, postgres.user(), postgres.password(), "select count(*) from balance")).isZero();
        assertThat(PgTables.count(url, postgres.user(), postgres.password(),
                "select count(*) from tidewater_progress where input_offset >= 0")).as("nothing marked written").isZero();
    }

    @Test
    void aDeepReorgExitsThreeNamingChainDepthAndThresholdAfterWritingWhatCameBefore() throws Exception {
        ChainSimulator sim = new ChainSimulator(99, new SimOptions(new long[] {1}, 2, 10, 3, 0.0, 1, 0.0, 0.5), false);
        List<String> before = sim.generate(400);
        List<String> lines = new ArrayList<>(before);
        lines.add("{\"kind\":\"reorg\",\"chainId\":1,\"lastValidBlock\":1}");
        lines.addAll(sim.generate(50));
        Path input = dir.resolve("deep.jsonl");
        Files.write(input, lines);
        String url = database("replay_deep");

        try (CliProcess replay = CliProcess.start(dir, Map.of(), "replay", "--input", input.toString(), "--jdbc-url", url,
                "--reorg-threshold", "5")) {
            int code = replay.await(Duration.ofMinutes(3));
            assertThat(code).as(CliProcess.tail(replay.stderr())).isEqualTo(3);
            assertThat(replay.stderr()).contains("deep reorg on chain 1").contains("threshold 5").containsPattern("depth \\d+");
        }

        Map<String, TreeMap<String, Map<String, Object>>> expected = JsonlReference.tables(before);
        Map<String, TreeMap<String, Map<String, Object>>> actual = Erc20Tables.dump(url, postgres.user(), postgres.password());
        for (String table : Erc20Tables.TABLES) {
            assertThat(actual.get(table)).as(table).isEqualTo(expected.get(table));
        }
        assertThat(expected.get("transfer")).isNotEmpty();
    }
}
