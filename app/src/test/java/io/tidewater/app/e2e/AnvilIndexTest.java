package io.tidewater.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidewater.app.embedded.EmbeddedPostgresServer;
import io.tidewater.examples.erc20.reference.Erc20Reference;
import io.tidewater.examples.erc20.reference.Erc20Tables;
import io.tidewater.examples.erc20.sim.SimTransfer;
import io.tidewater.ingest.rpc.Hex;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tidewater index} against a real Ethereum node: anvil with an ERC20 deployed from its
 * Solidity source's bytecode, transfers, then a reorg by {@code anvil_reorg} while following. The
 * tables must equal what the node's final canonical chain implies.
 */
@Tag("e2e")
class AnvilIndexTest {
    private static final String TRANSFER_TOPIC = "0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef";

    @TempDir
    Path dir;

    @Test
    void followingThroughAnAnvilReorgLeavesTheTablesOfTheFinalCanonicalChain() throws Exception {
        Path binary = Anvil.install();
        String bytecode;
        try (var in = Objects.requireNonNull(getClass().getResourceAsStream("/anvil/TestToken.bin"), "TestToken.bin")) {
            bytecode = new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim();
        }
        try (Anvil anvil = Anvil.start(binary); EmbeddedPostgresServer postgres = EmbeddedPostgresServer.temporary().start()) {
            List<String> accounts = anvil.accounts();
            String owner = accounts.get(0);
            String token = anvil.deploy(owner, bytecode, BigInteger.TEN.pow(24));
            for (int i = 1; i <= 4; i++) {
                anvil.transfer(token, owner, accounts.get(i), 1_000L * i);
            }
            anvil.transfer(token, accounts.get(1), accounts.get(2), 400);
            anvil.transfer(token, accounts.get(2), accounts.get(2), 50);
            anvil.transfer(token, accounts.get(3), accounts.get(1), 3_000);

            Map<String, String> env = Map.of("TIDEWATER_JDBC_USER", postgres.user(), "TIDEWATER_JDBC_PASSWORD", postgres.password(),
                    "TIDEWATER_POLL_INTERVAL_MS", "200");
            try (CliProcess index = CliProcess.start(dir, env, "index", "--rpc-url", anvil.url(), "--jdbc-url", postgres.jdbcUrl())) {
                awaitTables(index, postgres, expected(anvil, token));
                long head = anvil.head();
                anvil.reorg(3, List.<Object[]>of(
                        new Object[] {Anvil.transferRequest(token, accounts.get(1), accounts.get(4), 700), 0},
                        new Object[] {Anvil.transferRequest(token, accounts.get(4), accounts.get(3), 123), 2}));
                assertThat(anvil.head()).isEqualTo(head);
                anvil.transfer(token, owner, accounts.get(5), 5);
                Map<String, TreeMap<String, Map<String, Object>>> afterReorg = expected(anvil, token);
                awaitTables(index, postgres, afterReorg);
                index.terminate();
                assertThat(index.await(Duration.ofMinutes(2))).as(CliProcess.tail(index.stderr())).isZero();
                assertThat(index.stdout()).contains("reorgs            1 rolled back");
                assertThat(afterReorg.get("transfer")).hasSize(8);
                assertThat(Erc20Tables.differences(afterReorg, Erc20Tables.dump(postgres.jdbcUrl(), postgres.user(),
                        postgres.password()))).isEmpty();
            }
        }
    }

    /** The tables the node's current canonical chain implies: its Transfer logs, decoded plainly. */
    private static Map<String, TreeMap<String, Map<String, Object>>> expected(Anvil anvil, String token) {
        List<SimTransfer> transfers = new ArrayList<>();
        for (JsonNode log : anvil.logs(token)) {
            if (!log.path("topics").path(0).asText().equals(TRANSFER_TOPIC)) {
                continue;
            }
            long block = Hex.toLong(log.get("blockNumber").asText());
            transfers.add(new SimTransfer(31337, block, log.get("blockHash").asText(), anvil.timestamp(block),
                    Hex.toLong(log.get("logIndex").asText()), log.get("transactionHash").asText(), token,
                    address(log.get("topics").get(1).asText()), address(log.get("topics").get(2).asText()),
                    new BigInteger(log.get("data").asText().substring(2), 16)));
        }
        return Erc20Reference.tables(transfers);
    }

    private static String address(String topic) {
        return "0x" + topic.substring(topic.length() - 40).toLowerCase(Locale.ROOT);
    }

    private static void awaitTables(CliProcess index, EmbeddedPostgresServer postgres,
            Map<String, TreeMap<String, Map<String, Object>>> expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        String differences = "not compared yet";
        while (System.nanoTime() < deadline) {
            assertThat(index.alive()).as(CliProcess.tail(index.stderr()) + CliProcess.tail(index.stdout())).isTrue();
            try {
                differences = Erc20Tables.differences(expected, Erc20Tables.dump(postgres.jdbcUrl(), postgres.user(), postgres.password()));
            } catch (java.sql.SQLException e) {
                differences = "tables not there yet: " + e.getMessage();
            }
            if (differences.isEmpty()) {
                return;
            }
            Thread.sleep(300);
        }
        throw new AssertionError("the tables did not reach the node's chain:\n" + differences);
    }
}
