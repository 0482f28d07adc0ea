package io.tidewater.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidewater.app.embedded.EmbeddedPostgresServer;
import io.tidewater.app.ingest.ExpectedTables;
import io.tidewater.examples.erc20.reference.Erc20Tables;
import io.tidewater.testkit.node.FakeJsonRpcNode;
import io.tidewater.testkit.node.NodeFault;
import io.tidewater.testkit.node.SimulatedChain;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tidewater index} in its own JVM against the fake node: the ERC20 tables it writes equal
 * what the node's canonical chain implies, after a clean backfill, after every kind of injected
 * fault, and after a fork while following the head.
 */
@Tag("e2e")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IndexFromFakeNodeTest {
    private final AtomicInteger databases = new AtomicInteger();
    private EmbeddedPostgresServer postgres;

    @TempDir
    Path dir;

    @BeforeAll
    void startPostgres() {
        postgres = EmbeddedPostgresServer.temporary().start();
    }

    @AfterAll
    void stopPostgres() {
        postgres.close();
    }

    private String database() throws Exception {
        return PgTables.createDatabase(postgres, "index_" + databases.incrementAndGet());
    }

    private Map<String, String> env(String... extra) {
        Map<String, String> env = new HashMap<>(Map.of("TIDEWATER_JDBC_USER", postgres.user(), "TIDEWATER_JDBC_PASSWORD", postgres.password(),
                "TIDEWATER_RPC_RETRY_BACKOFF_MS", "10", "TIDEWATER_RPC_RETRY_BACKOFF_MAX_MS", "200", "TIDEWATER_POLL_INTERVAL_MS", "100",
                "TIDEWATER_GETLOGS_RANGE_INITIAL", "50"));
        for (int i = 0; i < extra.length; i += 2) {
            env.put(extra[i], extra[i + 1]);
        }
        return env;
    }

    private Map<String, TreeMap<String, Map<String, Object>>> tables(String jdbcUrl) throws Exception {
        return Erc20Tables.dump(jdbcUrl, postgres.user(), postgres.password());
    }

    @Test
    void backfillWithFaultsWritesTheTablesOfTheCanonicalChain() throws Exception {
        SimulatedChain chain = new SimulatedChain(1, 101, SimulatedChain.Options.defaults());
        chain.mine(500);
        String jdbcUrl = database();
        try (FakeJsonRpcNode node = FakeJsonRpcNode.start(chain)) {
            node.faults().failNext(2, NodeFault.RATE_LIMITED).failNext(1, NodeFault.DROPPED_CONNECTION).failNext(1, NodeFault.TIMEOUT)
                    .failNext(1, NodeFault.UNAVAILABLE).failNext(1, NodeFault.BEHIND).failNext(1, NodeFault.LIMIT_EXCEEDED)
                    .failEvery(7, NodeFault.UNAVAILABLE, 10).maxBlockRange(60).maxResults(40).timeoutDelayMillis(1_500);
            try (CliProcess index = CliProcess.start(dir, env("TIDEWATER_RPC_TIMEOUT_MS", "1000"), "index", "--rpc-url", node.url(),
                    "--to-block", "500", "--jdbc-url", jdbcUrl)) {
                assertThat(index.await(Duration.ofMinutes(3))).as(CliProcess.tail(index.stderr())).isZero();
                assertThat(index.stdout()).contains("Indexed", "Rows in Postgres:");
            }
            assertThat(node.faults().exhausted()).isTrue();
        }
        Map<String, TreeMap<String, Map<String, Object>>> expected = ExpectedTables.of(chain);
        assertThat(expected.get("transfer")).hasSizeGreaterThan(500);
        assertThat(Erc20Tables.differences(expected, tables(jdbcUrl))).isEmpty();
    }

    @Test
    void aForkWhileFollowingLeavesTheTablesOfTheNewCanonicalChain() throws Exception {
        SimulatedChain chain = new SimulatedChain(1, 103, SimulatedChain.Options.defaults());
        chain.mine(150);
        String jdbcUrl = database();
        try (FakeJsonRpcNode node = FakeJsonRpcNode.start(chain);
                CliProcess index = CliProcess.start(dir, env(), "index", "--rpc-url", node.url(), "--jdbc-url", jdbcUrl)) {
            awaitTables(index, jdbcUrl, chain);
            chain.reorg(8);
            chain.mine(4);
            awaitTables(index, jdbcUrl, chain);
            index.terminate();
            assertThat(index.await(Duration.ofMinutes(2))).as(CliProcess.tail(index.stderr())).isZero();
            assertThat(index.stdout()).contains("reorgs            1 rolled back");
        }
        assertThat(Erc20Tables.differences(ExpectedTables.of(chain), tables(jdbcUrl))).isEmpty();
    }

    @Test
    void keepRunningAfterAToBlockServesTheEmbeddedTablesUntilStopped() throws Exception {
        SimulatedChain chain = new SimulatedChain(1, 107, SimulatedChain.Options.defaults());
        chain.mine(60);
        try (FakeJsonRpcNode node = FakeJsonRpcNode.start(chain);
                CliProcess index = CliProcess.start(dir, env(), "index", "--rpc-url", node.url(), "--to-block", "60", "--keep-running")) {
            PsqlLine db = PsqlLine.await(index, "press Ctrl-C", Duration.ofMinutes(3));
            assertThat(Erc20Tables.differences(ExpectedTables.of(chain), Erc20Tables.dump(db.jdbcUrl(), db.user(), ""))).isEmpty();
            assertThat(index.alive()).isTrue();
            index.terminate();
            assertThat(index.await(Duration.ofMinutes(1))).as(CliProcess.tail(index.stderr() + index.stdout())).isZero();
        }
    }

    @Test
    void followingPrintsHowToQueryTheEmbeddedTablesAsTheyFill() throws Exception {
        SimulatedChain chain = new SimulatedChain(1, 109, SimulatedChain.Options.defaults());
        chain.mine(40);
        try (FakeJsonRpcNode node = FakeJsonRpcNode.start(chain);
                CliProcess index = CliProcess.start(dir, env(), "index", "--rpc-url", node.url())) {
            PsqlLine db = PsqlLine.await(index, "Query the tables as it runs", Duration.ofMinutes(3));
            awaitTables(index, db.jdbcUrl(), db.user(), "", chain);
            index.terminate();
            assertThat(index.await(Duration.ofMinutes(1))).as(CliProcess.tail(index.stderr() + index.stdout())).isZero();
        }
    }

    /** Waits until the tables equal what the chain implies now; the bound is generous, speed is the bench's business. */
    private void awaitTables(CliProcess index, String jdbcUrl, SimulatedChain chain) throws Exception {
        awaitTables(index, jdbcUrl, postgres.user(), postgres.password(), chain);
    }

    private static void awaitTables(CliProcess index, String jdbcUrl, String user, String password, SimulatedChain chain)
            throws Exception {
        Map<String, TreeMap<String, Map<String, Object>>> expected = ExpectedTables.of(chain);
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        String differences = "not compared yet";
        while (System.nanoTime() < deadline) {
            assertThat(index.alive()).as(CliProcess.tail(index.stderr())).isTrue();
            try {
                differences = Erc20Tables.differences(expected, Erc20Tables.dump(jdbcUrl, user, password));
            } catch (java.sql.SQLException e) {
                differences = "tables not there yet: " + e.getMessage();
            }
            if (differences.isEmpty()) {
                return;
            }
            Thread.sleep(300);
        }
        throw new AssertionError("the tables did not reach the chain's:\n" + differences + "\n" + CliProcess.tail(index.stderr()));
    }
}
