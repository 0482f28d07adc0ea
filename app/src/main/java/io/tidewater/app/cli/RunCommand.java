package io.tidewater.app.cli;

import io.tidewater.app.config.AppConfig;
import io.tidewater.app.config.ConfigLoader;
import io.tidewater.app.config.LoadedConfig;
import io.tidewater.topology.TidewaterConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.common.config.ConfigDef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "run", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {
            "Production: indexes from a Kafka cluster into Postgres until stopped.",
            "SIGTERM or Ctrl-C flushes every unwritten change and exits 0.",
            "Any key can be overridden by an environment variable TIDEWATER_<KEY>, upper-cased, '.' and '-' "
                + "as '_' (jdbc.password: TIDEWATER_JDBC_PASSWORD); <key>.file or TIDEWATER_<KEY>_FILE reads "
                + "a secret from a file; kafka.<client key> is passed to the Kafka clients "
                + "(kafka.security.protocol=SASL_SSL)."})
final class RunCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

    private final CommandRunner runner;
    private final Map<String, String> environment;

    @Option(names = "--config", required = true, paramLabel = "FILE",
            description = "Properties file with the app, topology and sink keys.")
    Path config;

    RunCommand(CommandRunner runner, Map<String, String> environment) {
        this.runner = runner;
        this.environment = environment;
    }

    @Override
    public Integer call() throws Exception {
        List<ConfigDef> defs = new ArrayList<>(List.of(AppConfig.CONFIG, TidewaterConfig.CONFIG));
        defs.addAll(runner.configDefs());
        LoadedConfig loaded = new ConfigLoader(defs, environment).load(config);
        loaded.warnings().forEach(LOG::warn);
        LOG.info("Configuration: {}", loaded);
        return runner.run(loaded);
    }
}
