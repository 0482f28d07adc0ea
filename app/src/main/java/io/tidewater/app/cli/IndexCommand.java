package io.tidewater.app.cli;

import io.tidewater.ingest.IngestConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Ingest and index in one process: what {@code ponder dev} and {@code envio dev} are to their users. */
@Command(name = "index", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {
            "Ingests a chain from a JSON-RPC node and indexes it in one process, on an in-process Kafka broker, into an",
            "embedded Postgres (or --jdbc-url). With --to-block it exits 0 once every event up to that block is written and",
            "prints the same summary as replay; without, it follows the head until Ctrl-C, then flushes and prints it.",
            "Exit codes: 0 done, 1 failure, 2 bad flag, 3 a reorg deeper than --reorg-threshold."})
final class IndexCommand implements Callable<Integer> {
    private final CommandRunner runner;
    private final Map<String, String> environment;

    @Spec
    CommandSpec spec;

    @Option(names = "--rpc-url", required = true, paramLabel = "URL", description = "The node's HTTP(S) JSON-RPC endpoint.")
    String rpcUrl;

    @Option(names = "--from-block", paramLabel = "B", description = "First block (default 0).")
    Long fromBlock;

    @Option(names = "--to-block", paramLabel = "B", description = "Last block: exit 0 once everything up to it is written. "
            + "Without it: follow the head until Ctrl-C.")
    Long toBlock;

    @Option(names = "--jdbc-url", paramLabel = "URL", description = "Write to this Postgres instead of an embedded one "
            + "(credentials from TIDEWATER_JDBC_USER / TIDEWATER_JDBC_PASSWORD).")
    String jdbcUrl;

    @Option(names = "--indexer", paramLabel = "CLASS", description = "Indexer class to run (default: the one on the class path, ERC20).")
    String indexer;

    @Option(names = "--indexer-jar", paramLabel = "JAR", description = "Load the indexer from this jar (the one it registers, or --indexer).")
    Path indexerJar;

    @Option(names = "--contracts", paramLabel = "ADDRESS[,...]", split = ",", description = "Only logs of these contracts (default: all).")
    List<String> contracts = new ArrayList<>();

    @Option(names = "--topic0", paramLabel = "HASH[,...]", split = ",", description = "Only logs with one of these topic 0 hashes "
            + "(default: all).")
    List<String> topic0s = new ArrayList<>();

    @Option(names = "--confirmations", paramLabel = "K", description = "Stay K blocks behind the head (default 0).")
    Integer confirmations;

    @Option(names = "--reorg-threshold", paramLabel = "N", description = "Deepest reorg rolled back (default 200).")
    Integer reorgThreshold;

    @Option(names = "--concurrency", paramLabel = "N", description = "Block ranges in flight during the backfill (default 4).")
    Integer concurrency;

    @Option(names = "--max-requests-per-second", paramLabel = "R", description = "JSON-RPC calls per second at most (default: no limit).")
    Double maxRequestsPerSecond;

    IndexCommand(CommandRunner runner, Map<String, String> environment) {
        this.runner = runner;
        this.environment = environment;
    }

    @Override
    public Integer call() throws Exception {
        if (indexerJar != null && (!java.nio.file.Files.isRegularFile(indexerJar) || !java.nio.file.Files.isReadable(indexerJar))) {
            throw new ParameterException(spec.commandLine(), "--indexer-jar: cannot read file '" + indexerJar + "'");
        }
        if (fromBlock != null && fromBlock < 0 || toBlock != null && toBlock < 0) {
            throw new ParameterException(spec.commandLine(), (fromBlock != null && fromBlock < 0 ? "--from-block" : "--to-block")
                    + ": must be 0 or more");
        }
        if (fromBlock != null && toBlock != null && toBlock < fromBlock) {
            throw new ParameterException(spec.commandLine(), "--to-block: " + toBlock + " is below --from-block " + fromBlock);
        }
        if (reorgThreshold != null && reorgThreshold < 1) {
            throw new ParameterException(spec.commandLine(), "--reorg-threshold: must be at least 1, got " + reorgThreshold);
        }
        if (concurrency != null && (concurrency < 1 || concurrency > 64)) {
            throw new ParameterException(spec.commandLine(), "--concurrency: must be between 1 and 64, got " + concurrency);
        }
        Map<String, String> ingest = new LinkedHashMap<>();
        ingest.put(IngestConfig.RPC_URL_CONFIG, rpcUrl);
        put(ingest, IngestConfig.FROM_BLOCK_CONFIG, fromBlock);
        put(ingest, IngestConfig.TO_BLOCK_CONFIG, toBlock);
        ingest.put(IngestConfig.FOLLOW_CONFIG, Boolean.toString(toBlock == null));
        put(ingest, IngestConfig.CONTRACTS_CONFIG, contracts.isEmpty() ? null : String.join(",", contracts));
        put(ingest, IngestConfig.TOPIC0S_CONFIG, topic0s.isEmpty() ? null : String.join(",", topic0s));
        put(ingest, IngestConfig.CONFIRMATIONS_CONFIG, confirmations);
        put(ingest, IngestConfig.REORG_THRESHOLD_CONFIG, reorgThreshold);
        put(ingest, IngestConfig.CONCURRENCY_CONFIG, concurrency);
        put(ingest, IngestConfig.MAX_REQUESTS_PER_SECOND_CONFIG, maxRequestsPerSecond);
        // The broker is the in-process one; the environment may still tune the ingester (TIDEWATER_RPC_TIMEOUT_MS).
        ingest.put(IngestConfig.BOOTSTRAP_SERVERS_CONFIG, "in-process");
        Map<String, String> settings = new LinkedHashMap<>(FlagConfig.load(List.of(IngestConfig.CONFIG), ingest, Map.of(),
                environment, "command-line options").values());
        settings.remove(IngestConfig.BOOTSTRAP_SERVERS_CONFIG);
        return runner.index(new IndexOptions(settings, Optional.ofNullable(jdbcUrl), Optional.ofNullable(indexer),
                Optional.ofNullable(indexerJar), toBlock == null, !contracts.isEmpty() || !topic0s.isEmpty()));
    }

    private static void put(Map<String, String> map, String key, Object value) {
        FlagConfig.put(map, key, value);
    }
}
