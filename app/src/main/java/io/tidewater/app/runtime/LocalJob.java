package io.tidewater.app.runtime;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tidewater.app.CommandFailedException;
import io.tidewater.app.ExitCode;
import io.tidewater.app.config.AppConfig;
import io.tidewater.app.embedded.EmbeddedPostgresServer;
import io.tidewater.sink.PostgresSinkConfig;
import io.tidewater.topology.TidewaterConfig;
import io.tidewater.topology.api.DeepReorgException;
import io.tidewater.topology.api.Indexer;
import java.io.PrintStream;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@code demo} and {@code replay} share: an in-process broker and database, an indexer fed
 * with JSON lines, a wait until everything fed is consumed <em>and</em> written, and a summary.
 * A deep reorg ends the run with exit code 3, after everything before it was written.
 */
final class LocalJob {
    private static final Logger LOG = LoggerFactory.getLogger(LocalJob.class);
    private static final Duration SHUTDOWN = Duration.ofMinutes(2);

    /**
     * How a local run is set up.
     *
     * @param command what the user ran, for the hint to run it again with {@code --keep-running}
     * @param keepRunning after the summary, keep the broker and the database up until Ctrl-C
     */
    record Plan(Indexer indexer, Optional<String> jdbcUrl, Map<String, Object> topologyOverrides, int httpPort,
            String applicationId, String command, boolean keepRunning) {
    }

    /** What a finished run leaves for the caller's summary and hints. */
    record Outcome(int exitCode, RunSummary summary) {
    }

    /** Watches the run while it goes, e.g. a progress display. */
    interface Observer {
        void started(IndexerRuntime runtime, LocalStack stack);

        void finished();
    }

    private LocalJob() {
    }

    /** @param afterSummary what a successful run prints after the summary, while everything is still up */
    static Outcome run(Plan plan, ShutdownSignal signal, Iterator<String> lines, Observer observer, PrintStream out,
            Consumer<RunSummary> afterSummary) throws Exception {
        // Ctrl-C ends demo and replay at once (but for --keep-running's wait, which closes the stack
        // itself): nothing here waits on the database after the signal.
        try (LocalStack stack = LocalStack.start(plan.jdbcUrl(), Duration.ZERO)) {
            Map<String, Object> topology = new HashMap<>(plan.topologyOverrides());
            topology.put(TidewaterConfig.INPUT_FORMAT_CONFIG, "json");
            TidewaterConfig topologyConfig = new TidewaterConfig(topology);
            PostgresSinkConfig sinkConfig = new PostgresSinkConfig(sinkSettings(stack));
            AppConfig app = new AppConfig(Map.of(
                    AppConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                    AppConfig.APPLICATION_ID_CONFIG, plan.applicationId(),
                    AppConfig.STATE_DIR_CONFIG, Files.createTempDirectory("tidewater-state").toString(),
                    AppConfig.HTTP_PORT_CONFIG, plan.httpPort()));
            PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            // Timed from here: the broker's and the database's startup say nothing about indexing.
            long started = System.nanoTime();
            IndexerRuntime runtime = IndexerRuntime.start(
                    new IndexerRuntime.Settings(app, topologyConfig, sinkConfig, Map.of(), plan.indexer()), registry);
            long fed;
            int code;
            try {
                observer.started(runtime, stack);
                Map<Integer, Long> ends;
                try (LineFeeder feeder = new LineFeeder(stack.bootstrapServers(), topologyConfig.inputTopic())) {
                    while (lines.hasNext() && runtime.failure().isEmpty()) {
                        feeder.send(lines.next());
                    }
                    ends = feeder.flush();
                    fed = feeder.sent();
                }
                LOG.info("fed {} records; waiting until they are all written", fed);
                awaitWritten(runtime, ends);
            } finally {
                observer.finished();
                code = runtime.shutdown(SHUTDOWN);
            }
            RunSummary summary = summarize(runtime, code, stack, sinkConfig, fed, started, out);
            if (code == ExitCode.OK) {
                afterSummary.accept(summary);
                KeepRunning.offer(plan.command(), plan.keepRunning(), stack, summary, signal, out);
            }
            return new Outcome(code, summary);
        }
    }

    /**
     * Prints the summary of a run whose runtime has shut down with {@code code}, then rethrows the
     * indexer's failure, if any: a deep reorg as itself (exit 3), anything else as a failed command.
     */
    static RunSummary summarize(IndexerRuntime runtime, int code, LocalStack stack, PostgresSinkConfig sinkConfig, long fed,
            long startedNanos, PrintStream out) throws Exception {
        IndexerProgress m = runtime.progress();
        Map<String, Long> rows = code == ExitCode.OK || runtime.failure().map(f -> f instanceof DeepReorgException).orElse(false)
                ? TableCounts.of(stack.jdbcUrl(), sinkConfig.jdbcUser(), sinkConfig.jdbcPassword().value(), sinkConfig.schema())
                : Map.of();
        RunSummary summary = new RunSummary(fed, m.logsApplied(), m.duplicates(), m.reorgs(), m.deadLetters(), rows,
                Duration.ofNanos(System.nanoTime() - startedNanos));
        summary.print(out);
        Optional<Throwable> failure = runtime.failure();
        if (failure.isPresent()) {
            if (failure.get() instanceof DeepReorgException deep) {
                throw deep;
            }
            throw new CommandFailedException("indexing stopped: " + IndexerRuntime.describe(failure.get()));
        }
        return summary;
    }

    static void awaitWritten(IndexerRuntime runtime, Map<Integer, Long> ends) throws InterruptedException {
        while (runtime.failure().isEmpty() && !runtime.caughtUp(ends)) {
            if (runtime.awaitStop(Duration.ofMillis(200))) {
                return;
            }
        }
    }

    static Map<String, Object> sinkSettings(LocalStack stack) {
        Map<String, Object> sink = new HashMap<>();
        sink.put(PostgresSinkConfig.JDBC_URL_CONFIG, stack.jdbcUrl());
        stack.postgres().ifPresentOrElse(pg -> {
            sink.put(PostgresSinkConfig.JDBC_USER_CONFIG, pg.user());
            sink.put(PostgresSinkConfig.JDBC_PASSWORD_CONFIG, pg.password());
        }, () -> {
            // An external database: credentials from the environment, as everywhere else.
            Optional.ofNullable(System.getenv("TIDEWATER_JDBC_USER")).ifPresent(u -> sink.put(PostgresSinkConfig.JDBC_USER_CONFIG, u));
            Optional.ofNullable(System.getenv("TIDEWATER_JDBC_PASSWORD")).ifPresent(p -> sink.put(PostgresSinkConfig.JDBC_PASSWORD_CONFIG, p));
        });
        return sink;
    }

    /** A hint for connecting to the embedded database. */
    static String psqlHint(EmbeddedPostgresServer pg) {
        return "psql -h localhost -p " + pg.port() + " -U " + pg.user() + " " + EmbeddedPostgresServer.DATABASE;
    }
}
