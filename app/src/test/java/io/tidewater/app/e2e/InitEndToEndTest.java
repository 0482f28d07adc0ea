package io.tidewater.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidewater.app.embedded.EmbeddedPostgresServer;
import io.tidewater.serdes.JsonLines;
import io.tidewater.serdes.wire.BlockHeader;
import io.tidewater.serdes.wire.InputRecord;
import io.tidewater.serdes.wire.LogEvent;
import io.tidewater.testkit.node.FakeJsonRpcNode;
import io.tidewater.testkit.node.SimulatedChain;
import io.tidewater.topology.api.Abi;
import io.tidewater.topology.api.EventSignature;
import io.tidewater.topology.api.RawLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user's whole path, from a clean directory: {@code init} from an ABI with several event types,
 * {@code mvn -o package} of the generated project (its own tests included), then
 * {@code replay --indexer-jar} of raw logs into a real Postgres, whose rows must hold the decoded
 * values. Along the way, the errors a user can make.
 */
@Tag("e2e")
class InitEndToEndTest {
    static final String TOKEN = "0x6b175474e89094c44da98b954eedeac495271d0f";
    static final String ALICE = "0xa7d0b6a1edf7e6aaf7a8d4bd19160c9dc371ca41";
    static final String BOB = "0x5f65f7b609678448494de4c87521cdf6cef1e932";
    static final String ABI = """
            [
              {"type": "function", "name": "transfer", "inputs": [{"name": "to", "type": "address"}, {"name": "v", "type": "uint256"}], "outputs": []},
              {"type": "event", "name": "Transfer", "anonymous": false, "inputs": [
                {"name": "from", "type": "address", "indexed": true}, {"name": "to", "type": "address", "indexed": true},
                {"name": "value", "type": "uint256", "indexed": false}]},
              {"type": "event", "name": "Filed", "anonymous": false, "inputs": [
                {"name": "id", "type": "bytes32", "indexed": true}, {"name": "tag", "type": "string", "indexed": true},
                {"name": "note", "type": "string", "indexed": false}, {"name": "amounts", "type": "int256[]", "indexed": false},
                {"name": "share", "type": "tuple", "indexed": false, "components": [
                  {"name": "owner", "type": "address"}, {"name": "weight", "type": "uint96"}]},
                {"name": "ok", "type": "bool", "indexed": false}]},
              {"type": "event", "name": "Paid", "anonymous": false, "inputs": [
                {"name": "_to", "type": "address", "indexed": true}, {"name": "amount", "type": "uint256", "indexed": false}]},
              {"type": "event", "name": "Paid", "anonymous": false, "inputs": [
                {"name": "_to", "type": "address", "indexed": true}, {"name": "amount", "type": "uint256", "indexed": false},
                {"name": "memo", "type": "bytes", "indexed": false}]}
            ]
            """;

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

    /** The Tidewater checkout, whose artifacts init installs; tests run in the app module. */
    static Path home() {
        return Path.of("").toAbsolutePath().getParent();
    }

    static CliProcess tidewater(Path workDir, String... args) throws Exception {
        return CliProcess.start(workDir, Map.of("TIDEWATER_HOME", home().toString()), args);
    }

    static int mvn(Path project, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("mvn", "-B", "-o", "-q"));
        command.addAll(List.of(args));
        Path log = project.resolveSibling(project.getFileName() + "-mvn.log");
        Process p = new ProcessBuilder(command).directory(project.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("mvn " + args[0] + " did not finish in 10 minutes");
        }
        assertThat(p.exitValue()).as("mvn %s in %s:%n%s", String.join(" ", args), project, CliProcess.tail(Files.readString(log)))
                .isZero();
        return p.exitValue();
    }

    @Test
    void fromAnAbiToDecodedRowsInPostgres() throws Exception {
        Path abi = Files.writeString(dir.resolve("Token.json"), ABI);
        Path project = dir.resolve("my-token");

        try (CliProcess init = tidewater(dir, "init", project.toString(), "--abi", abi.toString(), "--contract", TOKEN,
                "--chain-id", "1")) {
            assertThat(init.await(Duration.ofMinutes(10))).as(CliProcess.tail(init.stderr() + init.stdout())).isZero();
            assertThat(init.stdout()).contains("4 events").contains("Paid2  Paid(address indexed _to, uint256 amount, bytes memo)");
            // The next steps run as printed from where init ran, which here is not the checkout.
            assertThat(init.stdout()).contains("  (cd " + project + " && mvn package)",
                    "  " + home().resolve("tidewater") + " replay --indexer-jar " + project.resolve("target/my-token-0.1.0.jar"));
        }
        mvn(project, "package");
        assertThat(Files.readAllLines(dir.resolve("my-token-mvn.log")))
                .as("the generated project's tests log no warnings")
                .noneMatch(line -> line.matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} WARN .*"));
        Path jar = project.resolve("target/my-token-0.1.0.jar");
        assertThat(jar).exists();
        assertThat(Files.readString(project.resolve("target/surefire-reports/com.example.mytoken.MyTokenIndexerTest.txt")))
                .contains("Tests run: 2, Failures: 0, Errors: 0");

        Path input = Files.write(dir.resolve("raw.jsonl"), rawLogs(Abi.parse(ABI)));
        String url = database("init_e2e");
        try (CliProcess replay = tidewater(dir, "replay", "--indexer-jar", jar.toString(), "--input", input.toString(),
                "--jdbc-url", url)) {
            assertThat(replay.await(Duration.ofMinutes(3))).as(CliProcess.tail(replay.stderr())).isZero();
            assertThat(replay.stdout()).contains("logs applied      4").contains("dead letters      1");
        }

        Map<String, Object> transfer = row(url, "select * from transfer where id = '1-1-0'");
        assertThat(transfer).containsEntry("from", ALICE).containsEntry("to", BOB).containsEntry("chain_id", 1L)
                .containsEntry("block_number", 1L).containsEntry("contract_address", TOKEN)
                .containsEntry("block_timestamp", 1_700_000_012L);
        assertThat(transfer.get("value").toString()).isEqualTo("9992199361900000000000");
        Map<String, Object> filed = row(url, "select * from filed");
        assertThat(filed).containsEntry("param_id", "0x" + "00".repeat(31) + "2a")
                .containsEntry("tag", "0x1c8aff950685c2ed4bc3174f3472287b56d9517b9c948127319a09a7a36deac8")
                .containsEntry("note", "a note").containsEntry("amounts", "[\"-5\",\"3000000000000000000000\"]")
                .containsEntry("share", "{\"owner\":\"" + BOB + "\",\"weight\":\"7\"}").containsEntry("ok", true);
        assertThat(row(url, "select * from paid").get("amount").toString()).isEqualTo("12");
        assertThat(row(url, "select * from paid").get("to")).isEqualTo(ALICE);
        assertThat(row(url, "select * from paid2")).containsEntry("memo", "0xdeadbeef");
        assertThat(count(url, "select count(*) from transfer")).isEqualTo(1);
    }

    @Test
    void whatAUserGetsWrongIsNamed() throws Exception {
        Path project = Files.createDirectories(dir.resolve("taken"));
        Files.writeString(project.resolve("notes.txt"), "mine");
        try (CliProcess init = tidewater(dir, "init", project.toString(), "--event", "Ping(uint256 n)")) {
            assertThat(init.await(Duration.ofMinutes(1))).isEqualTo(2);
            assertThat(init.stderr()).contains("is not empty");
        }
        Path badAbi = Files.writeString(dir.resolve("Bad.json"), "[{\"type\": \"event\", \"name\": \"X\",");
        try (CliProcess init = tidewater(dir, "init", dir.resolve("x").toString(), "--abi", badAbi.toString())) {
            assertThat(init.await(Duration.ofMinutes(1))).isEqualTo(2);
            assertThat(init.stderr()).contains("ABI file " + badAbi).contains("not valid JSON");
        }

        // Two indexers in one directory of jars: the user must name one.
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        for (String name : List.of("alpha", "beta")) {
            Path p = dir.resolve(name);
            try (CliProcess init = tidewater(dir, "init", p.toString(), "--event", "Ping(address indexed from, uint256 n)")) {
                assertThat(init.await(Duration.ofMinutes(10))).as(CliProcess.tail(init.stderr())).isZero();
            }
            mvn(p, "package", "-DskipTests");
            Files.copy(p.resolve("target/" + name + "-0.1.0.jar"), plugins.resolve(name + ".jar"));
        }
        Path input = Files.writeString(dir.resolve("empty.jsonl"), "");
        try (CliProcess replay = tidewater(dir, "replay", "--indexer-jar", plugins.toString(), "--input", input.toString())) {
            assertThat(replay.await(Duration.ofMinutes(2))).isEqualTo(2);
            assertThat(replay.stderr()).contains("several indexers in " + plugins)
                    .contains("com.example.alpha.AlphaIndexer").contains("com.example.beta.BetaIndexer")
                    .doesNotContain("Erc20Indexer");
        }

        Path empty = dir.resolve("nothing.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(empty), new Manifest())) {
            out.flush();
        }
        try (CliProcess replay = tidewater(dir, "replay", "--indexer-jar", empty.toString(), "--input", input.toString())) {
            assertThat(replay.await(Duration.ofMinutes(2))).isEqualTo(2);
            assertThat(replay.stderr()).contains("no Indexer in " + empty);
        }
    }

    @Test
    void aGeneratedIndexerIndexesStraightFromANode() throws Exception {
        Path project = dir.resolve("transfers");
        try (CliProcess init = tidewater(dir, "init", project.toString(), "--event",
                "Transfer(address indexed from, address indexed to, uint256 value)")) {
            assertThat(init.await(Duration.ofMinutes(10))).as(CliProcess.tail(init.stderr())).isZero();
        }
        mvn(project, "package", "-DskipTests");
        SimulatedChain chain = new SimulatedChain(1, 7, SimulatedChain.Options.defaults());
        chain.mine(120);
        List<SimulatedChain.Log> logs = chain.canonicalLogs();
        String url = database("init_index");
        try (FakeJsonRpcNode node = FakeJsonRpcNode.start(chain);
                CliProcess index = CliProcess.start(dir, Map.of("TIDEWATER_HOME", home().toString(),
                        "TIDEWATER_JDBC_USER", postgres.user(), "TIDEWATER_JDBC_PASSWORD", postgres.password()),
                        "index", "--rpc-url", node.url(), "--to-block", "120", "--indexer-jar",
                        project.resolve("target/transfers-0.1.0.jar").toString(), "--jdbc-url", url)) {
            assertThat(index.await(Duration.ofMinutes(3))).as(CliProcess.tail(index.stderr())).isZero();
        }
        assertThat(logs).isNotEmpty();
        assertThat(count(url, "select count(*) from transfer")).isEqualTo(logs.size());
        SimulatedChain.Log last = logs.get(logs.size() - 1);
        Map<String, Object> row = row(url, "select * from transfer where id = '1-" + last.blockNumber() + "-" + last.logIndex() + "'");
        assertThat(row).containsEntry("contract_address", last.address()).containsEntry("transaction_hash", last.txHash())
                .containsEntry("from", last.from()).containsEntry("to", last.to());
        assertThat(row.get("value").toString()).isEqualTo(last.value().toString());
    }

    /** Raw logs of the ABI's events at the token, plus one of another contract and one that does not decode. */
    private static List<String> rawLogs(Abi abi) {
        String hash1 = "0x" + "11".repeat(32);
        List<String> lines = new ArrayList<>();
        lines.add(JsonLines.format(new InputRecord(new BlockHeader(1L, 1L, hash1, "0x" + "00".repeat(32), 1_700_000_012L))));
        EventSignature transfer = abi.event("Transfer");
        lines.add(log(hash1, 0, TOKEN, transfer.encode(ALICE, BOB, new java.math.BigInteger("9992199361900000000000"))));
        lines.add(log(hash1, 1, "0x" + "99".repeat(20), transfer.encode(BOB, ALICE, 1)));
        lines.add(log(hash1, 2, TOKEN, abi.event("Filed").encode("0x" + "00".repeat(31) + "2a", "hello", "a note",
                List.of(-5, new java.math.BigInteger("3000000000000000000000")), List.of(BOB, 7), true)));
        lines.add(log(hash1, 3, TOKEN, abi.event("Paid(address,uint256)").encode(ALICE, 12)));
        lines.add(log(hash1, 4, TOKEN, abi.event("Paid(address,uint256,bytes)").encode(ALICE, 13, "0xdeadbeef")));
        RawLog short_ = transfer.encode(ALICE, BOB, 1);
        lines.add(log(hash1, 5, TOKEN, new RawLog(short_.topics(), "0x1234")));
        return lines;
    }

    private static String log(String blockHash, long index, String address, RawLog raw) {
        return JsonLines.format(new InputRecord(LogEvent.newBuilder().setChainId(1L).setBlockNumber(1L).setBlockHash(blockHash)
                .setBlockTimestamp(-1L).setLogIndex(index).setTxHash("0x" + "ab".repeat(32)).setAddress(address)
                .setTopics(raw.topics()).setData(raw.data()).build()));
    }

    private String database(String name) throws Exception {
        return PgTables.createDatabase(postgres, name);
    }

    private static Map<String, Object> row(String url, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(url, postgres.user(), postgres.password()); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            assertThat(rs.next()).as(sql).isTrue();
            Map<String, Object> row = new LinkedHashMap<>();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                row.put(rs.getMetaData().getColumnName(i), rs.getObject(i));
            }
            return row;
        }
    }

    private static long count(String url, String sql) throws Exception {
        return PgTables.count(url, postgres.user(), postgres.password(), sql);
    }
}
