package io.tidewater.app.cli;

import io.tidewater.app.config.LoadedConfig;
import java.util.List;
import org.apache.kafka.common.config.ConfigDef;

/**
 * The seam between the command line and what the commands do. The CLI parses and validates
 * flags (and, for {@code run}, the whole config file), then hands over here; an implementation
 * owns brokers, databases, the Streams client and the sink.
 *
 * <p>Each method returns an exit code from {@link io.tidewater.app.ExitCode}, or throws: a
 * {@link io.tidewater.topology.api.DeepReorgException} exits 3, a
 * {@link org.apache.kafka.common.config.ConfigException} exits 2, anything else exits 1 with its
 * message on one line.
 */
public interface CommandRunner {

    /** {@code tidewater demo}: embedded broker and Postgres, synthetic chain, ERC20, live progress. */
    int demo(DemoOptions options) throws Exception;

    /** {@code tidewater replay}: feed a JSON-lines file through the indexer until it is all written. */
    int replay(ReplayOptions options) throws Exception;

    /** {@code tidewater run}: production, with a config validated against {@link #configDefs()}. */
    int run(LoadedConfig config) throws Exception;

    /**
     * {@code tidewater ingest}: one chain from a JSON-RPC node into the input topic, with a config
     * validated against {@link io.tidewater.ingest.IngestConfig#CONFIG} and {@link IngestAppConfig#CONFIG}.
     */
    default int ingest(LoadedConfig config) throws Exception {
        throw new UnsupportedOperationException("ingest is not wired in this runner");
    }

    /** {@code tidewater index}: ingest and index in one process, on the in-process broker. */
    default int index(IndexOptions options) throws Exception {
        throw new UnsupportedOperationException("index is not wired in this runner");
    }

    /**
     * Definitions that {@code run --config} validates in addition to
     * {@link io.tidewater.app.config.AppConfig#CONFIG} and
     * {@link io.tidewater.topology.TidewaterConfig#CONFIG}: the sink's, for one.
     */
    default List<ConfigDef> configDefs() {
        return List.of();
    }
}
