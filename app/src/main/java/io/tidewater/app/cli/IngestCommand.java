package io.tidewater.app.cli;

import io.tidewater.app.config.LoadedConfig;
import io.tidewater.ingest.IngestConfig;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * One chain's ingester, from flags or from a properties file with the same keys. Precedence:
 * flags, then the environment ({@code TIDEWATER_<KEY>}, as for {@code run}), then the file, then
 * the defaults.
 */
@Command(name = "ingest", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {
            "Ingests one chain from a JSON-RPC node into the input topic.",
            "A backfill with eth_getLogs over adaptive block ranges, several in flight, then (--follow) the "
                + "head, walking reorgs back to the common ancestor. Per block, in block order: its header, "
                + "then its raw logs; a reorg notice before a new branch. After a restart it goes on from the "
                + "last block in the topic.",
            "Every key of --config can be overridden by TIDEWATER_<KEY> (rpc.url: TIDEWATER_RPC_URL or "
                + "TIDEWATER_RPC_URL_FILE); flags override both.",
            "Exit codes: 0 done (--to-block reached), 1 node or Kafka failure, 2 bad flag or config (or "
                + "another chain id), 3 a fork deeper than --reorg-threshold."})
final class IngestCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(IngestCommand.class);

    private final CommandRunner runner;
    private final Map<String, String> environment;

    @Spec
    CommandSpec spec;

    @Mixin
    NodeOptions node = new NodeOptions();

    @Option(names = "--config", paramLabel = "FILE", description = "Properties file with the keys below (rpc.url, bootstrap.servers, ...).")
    Path config;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,...]", description = "Kafka brokers (key bootstrap.servers).")
    String bootstrapServers;

    @Option(names = "--topic", paramLabel = "T", description = "Input topic (key input.topic; default tidewater.input).")
    String topic;

    @Option(names = "--format", paramLabel = "avro|json", description = "Record encoding; must match the indexer's input.format (default avro).")
    String format;

    @Option(names = "--chain-id", paramLabel = "N", description = "Stop unless the node reports this chain id (eth_chainId).")
    Long chainId;

    @Option(names = "--follow", description = "After the backfill, follow the head until stopped.")
    boolean follow;

    @Option(names = "--indexer-jar", paramLabel = "JAR|DIR", description = "Only the logs the indexer in this jar (or directory of jars) "
            + "declares: its events' topics 0 and its contracts on the node's chain (key indexer.path).")
    Path indexerJar;

    @Option(names = "--http-port", paramLabel = "P", description = "Port of /metrics and /health (default 8080; -1 disables).")
    Integer httpPort;

    IngestCommand(CommandRunner runner, Map<String, String> environment) {
        this.runner = runner;
        this.environment = environment;
    }

    @Override
    public Integer call() throws Exception {
        checkFlags();
        Map<String, String> flags = new LinkedHashMap<>(node.settings());
        put(flags, IngestConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        put(flags, IngestConfig.INPUT_TOPIC_CONFIG, topic);
        put(flags, IngestConfig.INPUT_FORMAT_CONFIG, format);
        put(flags, IngestConfig.CHAIN_ID_CONFIG, chainId);
        put(flags, IngestConfig.FOLLOW_CONFIG, follow ? "true" : null);
        put(flags, IngestConfig.INDEXER_PATH_CONFIG, indexerJar);
        put(flags, IngestAppConfig.HTTP_PORT_CONFIG, httpPort);

        String origin = config == null ? "command-line options" : "'" + config + "' and command-line options";
        LoadedConfig loaded = FlagConfig.load(List.of(IngestConfig.CONFIG, IngestAppConfig.CONFIG), flags,
                config == null ? Map.of() : readFile(config), environment, origin);
        loaded.warnings().forEach(LOG::warn);
        loaded.as(IngestConfig::new);
        LOG.info("Configuration: {}", loaded);
        return runner.ingest(loaded);
    }

    private void checkFlags() {
        node.check(spec.commandLine());
        if (indexerJar != null && node.filtered()) {
            throw usage("--indexer-jar chooses the logs from the indexer's declared events and contracts: drop --contracts, --topic0 "
                    + "and --events");
        }
        if (indexerJar != null && !Files.isReadable(indexerJar)) {
            throw usage("--indexer-jar: cannot read '" + indexerJar + "'");
        }
        if (follow && node.toBlock != null) {
            throw usage("--to-block and --follow cannot be combined: --to-block stops, --follow never does");
        }
        if (chainId != null && chainId < 0) {
            throw usage("--chain-id: must be 0 or more, got " + chainId);
        }
        if (config != null && (!Files.isRegularFile(config) || !Files.isReadable(config))) {
            throw usage("--config: cannot read file '" + config + "'");
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    private static void put(Map<String, String> flags, String key, Object value) {
        FlagConfig.put(flags, key, value);
    }

    private Map<String, String> readFile(Path file) throws IOException {
        Properties props = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            props.load(reader);
        } catch (IllegalArgumentException e) {
            throw usage("--config: '" + file + "' is not a properties file: " + e.getMessage());
        }
        Map<String, String> out = new LinkedHashMap<>();
        props.stringPropertyNames().forEach(k -> out.put(k, props.getProperty(k)));
        return out;
    }
}
