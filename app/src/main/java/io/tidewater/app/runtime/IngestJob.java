package io.tidewater.app.runtime;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tidewater.app.CommandFailedException;
import io.tidewater.app.ExitCode;
import io.tidewater.app.cli.IngestAppConfig;
import io.tidewater.app.config.LoadedConfig;
import io.tidewater.app.http.ComponentHealth;
import io.tidewater.app.http.HealthSnapshot;
import io.tidewater.app.http.HttpEndpoints;
import io.tidewater.ingest.IngestConfig;
import io.tidewater.ingest.IngestMetrics;
import io.tidewater.ingest.IngestProgress;
import io.tidewater.ingest.Ingester;
import io.tidewater.ingest.Ingestion;
import io.tidewater.ingest.rpc.RpcException;
import io.tidewater.topology.Subscriptions;
import io.tidewater.topology.api.Subscription;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.common.errors.InterruptException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code tidewater ingest}: one chain's ingester against a Kafka cluster, with {@code /metrics},
 * {@code /health} and {@code /ready}, and a progress line. SIGTERM or Ctrl-C stops it after the
 * records sent so far are acknowledged; the next start goes on from the topic.
 */
final class IngestJob {
    private static final Logger LOG = LoggerFactory.getLogger(IngestJob.class);

    private final ShutdownSignal signal;

    IngestJob(ShutdownSignal signal) {
        this.signal = signal;
    }

    int run(LoadedConfig config) throws Exception {
        signal.install();
        IngestConfig ingest = config.as(IngestConfig::new);
        IngestAppConfig app = config.as(IngestAppConfig::new);
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        IngestMetrics metrics = new IngestMetrics(registry);
        String[] failure = {null};
        Optional<HttpEndpoints> http = HttpEndpoints.startIfEnabled(app.httpPort(), registry,
                () -> HealthSnapshot.of(Map.of("ingester", failure[0] == null ? ComponentHealth.up("INGESTING")
                        : ComponentHealth.down("FAILED", failure[0]))),
                () -> metrics.producedBlock() >= 0 && metrics.producedBlock() >= metrics.nodeHead() - ingest.confirmations() - 1);
        http.ifPresent(h -> LOG.info("serving /metrics, /health and /ready on port {}", h.port()));
        ScheduledExecutorService progress = progress(metrics, app.progressIntervalMs());
        Optional<List<Subscription>> declared = ingest.indexerPath()
                .map(path -> Subscriptions.of(IndexerLoader.load(Optional.empty(), Optional.of(IndexerJars.open(Path.of(path))))));
        try (Ingestion ingestion = Ingestion.create(ingest, config.kafkaProperties(), metrics, declared)) {
            try (StopWatcher stop = StopWatcher.interruptCallerWhen(signal::isRequested)) {
                Ingester.Outcome outcome = ingestion.run();
                LOG.info("done: chain {} produced up to block {}", outcome.chainId(), outcome.producedBlock());
            } catch (InterruptedException | InterruptException e) {
                LOG.info("stopping: waiting for the records sent so far to be acknowledged");
            } catch (RpcException e) {
                failure[0] = e.getMessage();
                throw new CommandFailedException("the node at " + ingestion.nodeUrl() + " failed: " + e.getMessage(), e);
            }
        } finally {
            progress.shutdownNow();
            http.ifPresent(HttpEndpoints::close);
        }
        return ExitCode.OK;
    }

    static ScheduledExecutorService progress(IngestMetrics metrics, long intervalMs) {
        IngestProgress line = new IngestProgress(metrics);
        return progress(line::line, intervalMs);
    }

    /** Logs {@code line} every {@code intervalMs} (never when it is 0) until the returned timer is shut down. */
    static ScheduledExecutorService progress(Supplier<String> line, long intervalMs) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tidewater-ingest-progress");
            t.setDaemon(true);
            return t;
        });
        if (intervalMs > 0) {
            timer.scheduleAtFixedRate(() -> LOG.info(line.get()), intervalMs, intervalMs, TimeUnit.MILLISECONDS);
        }
        return timer;
    }
}
