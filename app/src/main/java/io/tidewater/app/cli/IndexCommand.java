package io.tidewater.app.cli;

import io.tidewater.ingest.IngestConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Ingest and index in one process: what {@code ponder dev} and {@code envio dev} are to their users. */
@Command(name = "index", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {
            "Ingests a chain from a JSON-RPC node and indexes it, in one process.",
            "On an in-process Kafka broker, into an embedded Postgres (or --jdbc-url). With --to-block it "
                + "exits 0 once every event up to that block is written; without, it follows the head until "
                + "Ctrl-C. Either way it prints replay's summary.",
            "It fetches only the logs the indexer declares, unless --contracts, --topic0 or --events say "
                + "otherwise. The environment tunes the ingester's keys (TIDEWATER_RPC_TIMEOUT_MS=5000).",
            "Exit codes: 0 done, 1 failure, 2 bad flag, 3 a reorg deeper than --reorg-threshold."})
final class IndexCommand implements Callable<Integer> {
    private final CommandRunner runner;
    private final Map<String, String> environment;

    @Spec
    CommandSpec spec;

    @Mixin
    NodeOptions node = new NodeOptions();

    @Option(names = "--jdbc-url", paramLabel = "URL", description = "Write to this Postgres instead of an embedded one "
            + "(credentials from TIDEWATER_JDBC_USER / TIDEWATER_JDBC_PASSWORD).")
    String jdbcUrl;

    @Option(names = "--indexer", paramLabel = "CLASS", description = "Indexer class to run (default: the one on the class path, ERC20, "
            + "or the one the --indexer-jar registers).")
    String indexer;

    @Option(names = "--indexer-jar", paramLabel = "JAR|DIR", description = "Load the indexer from this jar, or directory of jars.")
    Path indexerJar;

    @Option(names = "--keep-running", description = "With --to-block: after the summary, keep Kafka and the embedded "
            + "Postgres up for queries until Ctrl-C (no effect with --jdbc-url). While following the head, the tables "
            + "can be queried as it runs.")
    boolean keepRunning;

    IndexCommand(CommandRunner runner, Map<String, String> environment) {
        this.runner = runner;
        this.environment = environment;
    }

    @Override
    public Integer call() throws Exception {
        if (node.rpcUrl == null) {
            throw new ParameterException(spec.commandLine(), "Missing required option: '--rpc-url=URL'");
        }
        node.check(spec.commandLine());
        if (indexerJar != null && !Files.isReadable(indexerJar)) {
            throw new ParameterException(spec.commandLine(), "--indexer-jar: cannot read '" + indexerJar + "'");
        }
        Map<String, String> ingest = new LinkedHashMap<>(node.settings());
        boolean follow = node.toBlock == null;
        if (keepRunning && follow) {
            throw new ParameterException(spec.commandLine(), "--keep-running: needs --to-block; while following the head "
                    + "(no --to-block), the tables can be queried as it runs");
        }
        ingest.put(IngestConfig.FOLLOW_CONFIG, Boolean.toString(follow));
        // The broker is the in-process one; the environment may still tune the ingester (TIDEWATER_RPC_TIMEOUT_MS).
        ingest.put(IngestConfig.BOOTSTRAP_SERVERS_CONFIG, "in-process");
        Map<String, String> settings = new LinkedHashMap<>(FlagConfig.load(List.of(IngestConfig.CONFIG), ingest, Map.of(),
                environment, "command-line options").values());
        settings.remove(IngestConfig.BOOTSTRAP_SERVERS_CONFIG);
        return runner.index(new IndexOptions(settings, Optional.ofNullable(jdbcUrl), Optional.ofNullable(indexer),
                Optional.ofNullable(indexerJar), follow, node.filtered(), keepRunning));
    }
}
