package io.tidewater.app.runtime;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tidewater.app.CommandFailedException;
import io.tidewater.app.config.AppConfig;
import io.tidewater.app.config.LoadedConfig;
import io.tidewater.app.http.ComponentHealth;
import io.tidewater.app.http.HealthSnapshot;
import io.tidewater.app.http.HttpEndpoints;
import io.tidewater.app.progress.ProgressDisplay;
import io.tidewater.sink.PostgresSinkConfig;
import io.tidewater.topology.TidewaterConfig;
import io.tidewater.topology.api.DeepReorgException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code tidewater run}: production, against a Kafka cluster and a Postgres database. Runs until
 * SIGTERM or Ctrl-C, then stops processing, flushes every unwritten change and exits 0; or until
 * a fatal error, which it names before exiting non-zero.
 */
final class RunJob {
    private static final Logger LOG = LoggerFactory.getLogger(RunJob.class);
    private static final Duration SHUTDOWN = Duration.ofMinutes(2);

    private final ShutdownSignal signal;

    RunJob(ShutdownSignal signal) {
        this.signal = signal;
    }

    int run(LoadedConfig config) throws Exception {
        // Before anything starts: a SIGTERM during startup must still end in an orderly stop.
        signal.install();
        AppConfig app = config.as(AppConfig::new);
        TidewaterConfig topology = config.as(TidewaterConfig::new);
        PostgresSinkConfig sink = config.as(PostgresSinkConfig::new);
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        IndexerRuntime runtime = IndexerRuntime.start(new IndexerRuntime.Settings(app, topology, sink, config.kafkaProperties(),
                IndexerLoader.load(app.indexerClass(),
                app.indexerPath().map(java.nio.file.Path::of).map(IndexerJars::open))), registry);

        Readiness readiness = new Readiness(runtime, runtime.adminSettings(), topology.inputTopic(), app.applicationId(),
                Readiness.MAX_LAG);
        Optional<HttpEndpoints> http = HttpEndpoints.startIfEnabled(app.httpPort(), registry, () -> health(runtime),
                readiness::ready);
        http.ifPresent(h -> LOG.info("serving /metrics, /health and /ready on port {}", h.port()));
        ProgressDisplay progress = app.progressEnabled()
                ? ProgressDisplay.onConsole(() -> Progress.snapshot(runtime.progress()), Duration.ofMillis(app.progressIntervalMs())).start()
                : null;
        int code;
        try {
            while (!signal.await(Duration.ofMillis(500)) && !runtime.awaitStop(Duration.ZERO)) {
                // Until SIGTERM or Ctrl-C, or until the client stops by itself after a fatal error.
            }
            LOG.info("stopping: flushing unwritten changes to Postgres");
        } finally {
            if (progress != null) {
                progress.close();
            }
            code = runtime.shutdown(SHUTDOWN);
            http.ifPresent(HttpEndpoints::close);
            readiness.close();
        }
        Optional<Throwable> failure = runtime.failure();
        if (failure.isPresent()) {
            if (failure.get() instanceof DeepReorgException deep) {
                throw deep;
            }
            throw new CommandFailedException("indexing stopped: " + IndexerRuntime.describe(failure.get()));
        }
        LOG.info("stopped with exit code {}", code);
        return code;
    }

    private static HealthSnapshot health(IndexerRuntime runtime) {
        Map<String, ComponentHealth> parts = new LinkedHashMap<>();
        KafkaStreams.State state = runtime.state();
        boolean streamsUp = state == KafkaStreams.State.RUNNING || state == KafkaStreams.State.REBALANCING
                || state == KafkaStreams.State.CREATED;
        parts.put("streams", streamsUp ? ComponentHealth.up(state.name()) : ComponentHealth.down(state.name(),
                runtime.failure().map(IndexerRuntime::describe).orElse("not running")));
        parts.put("sink", runtime.failure().isPresent()
                ? ComponentHealth.down("FAILED", IndexerRuntime.describe(runtime.failure().get()))
                : ComponentHealth.up(runtime.paused() ? "BACKPRESSURE" : "WRITING"));
        return HealthSnapshot.of(parts);
    }
}
