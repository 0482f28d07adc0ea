package io.tidewater.app.runtime;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tidewater.app.CommandFailedException;
import io.tidewater.app.ExitCode;
import io.tidewater.app.cli.IndexOptions;
import io.tidewater.app.config.AppConfig;
import io.tidewater.ingest.IngestConfig;
import io.tidewater.ingest.IngestMetrics;
import io.tidewater.ingest.IngestProgress;
import io.tidewater.ingest.Ingestion;
import io.tidewater.ingest.rpc.RpcException;
import io.tidewater.sink.PostgresSinkConfig;
import io.tidewater.topology.TidewaterConfig;
import io.tidewater.topology.api.DeepReorgException;
import io.tidewater.topology.api.Indexer;
import java.io.PrintStream;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import io.tidewater.topology.Subscriptions;
import io.tidewater.topology.api.Subscription;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.kafka.common.errors.InterruptException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code tidewater index}: the ingester and the indexer in one process, on the in-process broker
 * and (unless given one) an embedded Postgres. The ingester runs on the calling thread; when it
 * is done (its last block produced), or stopped by Ctrl-C, everything it produced is indexed and
 * written before the summary. A failure on either side stops both.
 */
final class IndexJob {
    private static final Logger LOG = LoggerFactory.getLogger(IndexJob.class);
    private static final Duration SHUTDOWN = Duration.ofMinutes(2);
    private static final long PROGRESS_MS = 5_000;

    private final PrintStream out;
    private final ShutdownSignal signal;

    IndexJob(PrintStream out, ShutdownSignal signal) {
        this.out = out;
        this.signal = signal;
    }

    int run(IndexOptions options) throws Exception {
        Indexer indexer = IndexerLoader.load(options.indexerClass(), options.indexerJar().map(IndexerJars::open));
        // Unless the flags say otherwise, fetch only the logs the indexer has handlers for.
        Optional<List<Subscription>> declared = options.filtered() ? Optional.empty() : Optional.of(Subscriptions.of(indexer));
        Map<String, Object> ingestSettings = new HashMap<>(options.ingest());
        ingestSettings.put(IngestConfig.INPUT_FORMAT_CONFIG, "avro");
        ingestSettings.put(IngestConfig.BOOTSTRAP_SERVERS_CONFIG, "checked.before.the.broker.starts:9092");
        // A bad value fails here, with exit code 2, before a broker and a database are started for nothing.
        new IngestConfig(ingestSettings);
        signal.install();
        try (LocalStack stack = LocalStack.start(options.jdbcUrl(), signal.patience())) {
            ingestSettings.put(IngestConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
            IngestConfig ingest = new IngestConfig(ingestSettings);
            Map<String, Object> topology = new HashMap<>();
            topology.put(TidewaterConfig.INPUT_FORMAT_CONFIG, "avro");
            topology.put(TidewaterConfig.REORG_THRESHOLD_CONFIG, ingest.reorgThreshold());
            TidewaterConfig topologyConfig = new TidewaterConfig(topology);
            PostgresSinkConfig sinkConfig = new PostgresSinkConfig(LocalJob.sinkSettings(stack));
            AppConfig app = new AppConfig(Map.of(
                    AppConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                    AppConfig.APPLICATION_ID_CONFIG, "tidewater-index",
                    AppConfig.STATE_DIR_CONFIG, Files.createTempDirectory("tidewater-state").toString(),
                    AppConfig.HTTP_PORT_CONFIG, AppConfig.HTTP_DISABLED));
            PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            long started = System.nanoTime();
            IndexerRuntime runtime = IndexerRuntime.start(
                    new IndexerRuntime.Settings(app, topologyConfig, sinkConfig, Map.of(), indexer), registry);
            IngestMetrics metrics = new IngestMetrics(registry);
            IngestProgress ingestLine = new IngestProgress(metrics);
            ScheduledExecutorService progress = IngestJob.progress(
                    () -> ingestLine.line() + "; " + Progress.line(runtime.progress()), PROGRESS_MS);
            long fed;
            int code;
            RuntimeException ingestFailure = null;
            try {
                Map<Integer, Long> ends;
                try (Ingestion ingestion = Ingestion.create(ingest, Map.of(), metrics, declared)) {
                    out.println("Indexing chain from " + ingestion.nodeUrl() + (options.follow() ? ", following the head (Ctrl-C to stop)"
                            : " up to block " + ingest.toBlock().getAsLong()) + " ...");
                    if (options.follow()) {
                        stack.postgres().map(LocalJob::psqlHint)
                                .ifPresent(psql -> out.println("Query the tables as it runs: " + psql));
                    }
                    ingestFailure = ingestUntilDone(ingestion, runtime);
                    ingestion.close();
                    ends = ingestion.endOffsets();
                    fed = ingestion.sent();
                }
                LOG.info("produced {} records; waiting until they are all written", fed);
                LocalJob.awaitWritten(runtime, ends);
            } finally {
                progress.shutdownNow();
                code = runtime.shutdown(SHUTDOWN);
            }
            RunSummary summary = LocalJob.summarize(runtime, code, stack, sinkConfig, fed, started, out);
            if (ingestFailure instanceof DeepReorgException deep) {
                throw deep;
            }
            if (ingestFailure != null) {
                throw new CommandFailedException("ingesting stopped: " + ingestFailure.getMessage(), ingestFailure);
            }
            if (code == ExitCode.OK && !options.follow()) {
                KeepRunning.offer("./tidewater index", options.keepRunning(), stack, summary, signal, out);
            }
            return code;
        }
    }

    /** Runs the ingester until it is done or stopped; its failure is returned, to be reported after the summary. */
    private RuntimeException ingestUntilDone(Ingestion ingestion, IndexerRuntime runtime) {
        try (StopWatcher stop = StopWatcher.interruptCallerWhen(() -> signal.isRequested() || runtime.failure().isPresent())) {
            ingestion.run();
            return null;
        } catch (InterruptedException | InterruptException e) {
            LOG.info("stopping the ingester: {}", signal.isRequested() ? "Ctrl-C or SIGTERM" : "the indexer stopped");
            return null;
        } catch (DeepReorgException | RpcException e) {
            return e;
        }
    }
}
