package io.tidewater.app.runtime;

import io.tidewater.app.cli.CommandRunner;
import io.tidewater.app.cli.DemoOptions;
import io.tidewater.app.cli.IndexOptions;
import io.tidewater.app.cli.ReplayOptions;
import io.tidewater.app.config.LoadedConfig;
import io.tidewater.sink.PostgresSinkConfig;
import io.tidewater.topology.TidewaterConfig;
import java.io.PrintStream;
import java.util.List;
import org.apache.kafka.common.config.ConfigDef;

/** What the commands do: {@code demo} and {@code replay} run locally, {@code run} against a cluster. */
public final class DefaultCommandRunner implements CommandRunner {
    private final PrintStream out;
    private final ShutdownSignal signal;

    public DefaultCommandRunner(PrintStream out, ShutdownSignal signal) {
        this.out = out;
        this.signal = signal;
    }

    @Override
    public int demo(DemoOptions options) throws Exception {
        return new DemoJob(out, signal).run(options);
    }

    @Override
    public int replay(ReplayOptions options) throws Exception {
        return new ReplayJob(out, signal).run(options);
    }

    @Override
    public int run(LoadedConfig config) throws Exception {
        return new RunJob(signal).run(config);
    }

    @Override
    public int ingest(LoadedConfig config) throws Exception {
        return new IngestJob(signal).run(config);
    }

    @Override
    public int index(IndexOptions options) throws Exception {
        return new IndexJob(out, signal).run(options);
    }

    @Override
    public List<ConfigDef> configDefs() {
        return List.of(PostgresSinkConfig.configDef());
    }

    /** Keys every command understands, for tests and docs. */
    static List<ConfigDef> allDefinitions() {
        return List.of(io.tidewater.app.config.AppConfig.CONFIG, TidewaterConfig.CONFIG, PostgresSinkConfig.configDef());
    }
}
