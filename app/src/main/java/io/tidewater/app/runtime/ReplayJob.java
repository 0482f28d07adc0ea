package io.tidewater.app.runtime;

import io.tidewater.app.cli.ReplayOptions;
import io.tidewater.topology.TidewaterConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/** {@code tidewater replay}: a JSON-lines file through the indexer, until all of it is written. */
final class ReplayJob {
    private final PrintStream out;
    private final ShutdownSignal signal;

    ReplayJob(PrintStream out, ShutdownSignal signal) {
        this.out = out;
        this.signal = signal;
    }

    int run(ReplayOptions options) throws Exception {
        Map<String, Object> topology = new HashMap<>();
        options.reorgThreshold().ifPresent(t -> topology.put(TidewaterConfig.REORG_THRESHOLD_CONFIG, t));
        LocalJob.Plan plan = new LocalJob.Plan(IndexerLoader.load(options.indexerClass(), options.indexerJar().map(IndexerJars::open)), options.jdbcUrl(), topology, -1,
                "tidewater-replay", "./tidewater replay", options.keepRunning());
        try (BufferedReader reader = Files.newBufferedReader(options.input(), StandardCharsets.UTF_8)) {
            Iterator<String> lines = reader.lines().filter(l -> !l.isBlank()).iterator();
            out.println("Replaying " + options.input() + " ...");
            LocalJob.Outcome outcome = LocalJob.run(plan, signal, lines, new LocalJob.Observer() {
                @Override
                public void started(IndexerRuntime runtime, LocalStack stack) {
                }

                @Override
                public void finished() {
                }
            }, out, summary -> { });
            return outcome.exitCode();
        } catch (UncheckedIOException e) {
            throw new IOException("cannot read " + options.input() + ": " + e.getCause().getMessage(), e.getCause());
        }
    }
}
