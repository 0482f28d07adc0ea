package io.tidewater.app.cli;

import static io.tidewater.app.cli.CliTestSupport.execute;
import static org.assertj.core.api.Assertions.assertThat;

import io.tidewater.app.ExitCode;
import io.tidewater.app.cli.CliTestSupport.Run;
import io.tidewater.app.config.LoadedConfig;
import io.tidewater.ingest.IngestConfig;
import io.tidewater.testkit.node.SimulatedChain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IngestCommandTest {
    private static final String TRANSFER = "Transfer(address indexed from, address indexed to, uint256 value)";

    @TempDir
    Path dir;

    /** Keeps what the CLI handed over, and starts nothing. */
    static final class Capturing extends NotWiredRunner {
        final List<LoadedConfig> ingests = new ArrayList<>();
        final List<IndexOptions> indexes = new ArrayList<>();

        @Override
        public int ingest(LoadedConfig config) {
            ingests.add(config);
            return ExitCode.OK;
        }

        @Override
        public int index(IndexOptions options) {
            indexes.add(options);
            return ExitCode.OK;
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "ingest | --rpc-url,--bootstrap-servers,--topic,--chain-id,--from-block,--to-block,--follow,--confirmations,--contracts,--events,"
                + "--indexer-jar,--concurrency,--max-requests-per-second,--config,TIDEWATER_",
        "index  | --rpc-url,--from-block,--to-block,--indexer-jar,--jdbc-url,--indexer"})
    void helpNamesEveryOption(String command, String options) {
        Run run = execute(command, "--help");
        assertThat(run.exitCode()).isZero();
        for (String option : options.split(",")) {
            assertThat(run.out()).contains(option.trim());
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--to-block,5,--follow                  | --to-block and --follow",
        "--from-block,-1                        | --from-block",
        "--from-block,10,--to-block,5           | --to-block",
        "--concurrency,0                        | --concurrency",
        "--confirmations,-2                     | --confirmations",
        "--max-requests-per-second,-1           | --max-requests-per-second",
        "--events,Transfer(address,             | --events",
        "--indexer-jar,missing.jar              | --indexer-jar",
        "--chain-id,abc                         | --chain-id",
        "--contracts,0x12                       | contracts"})
    void badFlagsExit2NamingTheFlag(String flags, String named) {
        List<String> args = new ArrayList<>(List.of("ingest", "--rpc-url", "http://127.0.0.1:1", "--bootstrap-servers", "127.0.0.1:1"));
        args.addAll(List.of(flags.trim().split(",")));
        Capturing runner = new Capturing();
        Run run = execute(runner, Map.of(), args.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).contains(named.trim());
        assertThat(runner.ingests).isEmpty();
    }

    @Test
    void flagsWinOverTheEnvironmentWhichWinsOverTheFile() throws Exception {
        Path file = Files.write(dir.resolve("ingest.properties"), List.of(
                "rpc.url=http://file:8545", "bootstrap.servers=file:9092", "from.block=1", "rpc.concurrency=2", "confirmations=3"));
        Capturing runner = new Capturing();
        Run run = execute(runner, Map.of("TIDEWATER_FROM_BLOCK", "7", "TIDEWATER_RPC_CONCURRENCY", "5"),
                "ingest", "--config", file.toString(), "--concurrency", "9", "--events", TRANSFER);
        assertThat(run.exitCode()).as(run.err()).isZero();
        IngestConfig config = runner.ingests.get(0).as(IngestConfig::new);
        assertThat(config.concurrency()).isEqualTo(9);
        assertThat(config.fromBlock()).isEqualTo(7);
        assertThat(config.confirmations()).isEqualTo(3);
        assertThat(config.rpcUrl()).isEqualTo("http://file:8545");
        assertThat(config.logFilter().topic0s()).containsExactly(SimulatedChain.TRANSFER_TOPIC);
        assertThat(runner.ingests.get(0).toString()).doesNotContain("file:8545");
    }

    @Test
    void aFlagWinsOverTheFilesSecretFileForm() throws Exception {
        Path file = Files.write(dir.resolve("ingest.properties"), List.of("rpc.url.file=/nowhere", "bootstrap.servers=file:9092"));
        Capturing runner = new Capturing();
        Run run = execute(runner, Map.of(), "ingest", "--config", file.toString(), "--rpc-url", "http://flag:8545");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(runner.ingests.get(0).as(IngestConfig::new).rpcUrl()).isEqualTo("http://flag:8545");
    }

    @Test
    void aMissingRequiredKeyIsAConfigErrorNamingIt() {
        Run run = execute(new Capturing(), Map.of(), "ingest", "--bootstrap-servers", "localhost:9092");
        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).contains("rpc.url", "TIDEWATER_RPC_URL");
    }

    @Test
    void indexFollowsWithoutToBlockAndTakesTheEnvironment() {
        Capturing runner = new Capturing();
        Run run = execute(runner, Map.of("TIDEWATER_RPC_TIMEOUT_MS", "1234"), "index", "--rpc-url", "http://127.0.0.1:8545");
        assertThat(run.exitCode()).as(run.err()).isZero();
        IndexOptions options = runner.indexes.get(0);
        assertThat(options.follow()).isTrue();
        assertThat(options.filtered()).isFalse();
        assertThat(options.ingest()).containsEntry(IngestConfig.TIMEOUT_MS_CONFIG, "1234").containsEntry(IngestConfig.FOLLOW_CONFIG, "true");
    }

    @Test
    void indexKeepsRunningOnlyAfterAToBlock() {
        Capturing runner = new Capturing();
        Run run = execute(runner, Map.of(), "index", "--rpc-url", "http://x", "--to-block", "10", "--keep-running");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(runner.indexes.get(0).keepRunning()).isTrue();

        Run following = execute(new Capturing(), Map.of(), "index", "--rpc-url", "http://x", "--keep-running");
        assertThat(following.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(following.err()).contains("--keep-running: needs --to-block");
    }

    @Test
    void indexToBlockBelowFromBlockExits2() {
        Run run = execute(new Capturing(), Map.of(), "index", "--rpc-url", "http://x", "--from-block", "9", "--to-block", "3");
        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).contains("--to-block");
    }
}
