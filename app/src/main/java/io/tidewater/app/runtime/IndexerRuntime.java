package io.tidewater.app.runtime;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.tidewater.app.ExitCode;
import io.tidewater.app.config.AppConfig;
import io.tidewater.sink.PostgresSink;
import io.tidewater.sink.PostgresSinkConfig;
import io.tidewater.sink.SinkOptions;
import io.tidewater.topology.TidewaterConfig;
import io.tidewater.topology.TidewaterTopology;
import io.tidewater.topology.api.DeepReorgException;
import io.tidewater.topology.api.FaultInjector;
import io.tidewater.topology.api.Indexer;
import io.tidewater.topology.api.SinkFailedException;
import io.tidewater.topology.api.TaskProgress;
import io.tidewater.topology.TopologyPorts;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.ProcessorStateException;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.rocksdb.RocksDBException;
import org.rocksdb.Status;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns one running indexer: the Postgres sink, the Kafka Streams client and the flow control
 * between them. It builds the topology, starts the client, records the first fatal error and
 * shuts down in order: the client first, whose tasks flush their unwritten changes on close,
 * then the sink, which finishes what is queued.
 *
 * <p>A fatal error on a stream thread (a deep reorg, a failed write) shuts the whole client
 * down: with one writer and per-partition progress, carrying on with the other threads would
 * only hide it.
 */
public final class IndexerRuntime implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(IndexerRuntime.class);

    /** Everything a runtime is made from. */
    public record Settings(AppConfig app, TidewaterConfig topology, PostgresSinkConfig sink, Map<String, String> kafka,
            Indexer indexer, FaultInjector faults) {
        public Settings(AppConfig app, TidewaterConfig topology, PostgresSinkConfig sink, Map<String, String> kafka, Indexer indexer) {
            this(app, topology, sink, kafka, indexer, FaultInjector.fromEnvironment(System.getenv()));
        }
    }

    private final PostgresSink sink;
    private final KafkaStreams streams;
    private final IndexerMetrics metrics;
    private final StreamsFlowControl flowControl;
    private final KafkaStreamsMetrics streamsMetrics;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final CountDownLatch stopped = new CountDownLatch(1);

    private IndexerRuntime(PostgresSink sink, KafkaStreams streams, IndexerMetrics metrics, StreamsFlowControl flowControl,
            KafkaStreamsMetrics streamsMetrics) {
        this.sink = sink;
        this.streams = streams;
        this.metrics = metrics;
        this.flowControl = flowControl;
        this.streamsMetrics = streamsMetrics;
    }

    /** Opens the sink (creating or checking tables), creates missing topics and starts processing. */
    public static IndexerRuntime start(Settings settings, MeterRegistry registry) {
        LOG.info("starting indexer '{}' on {} (input {}, {})", settings.indexer().name(), settings.app().bootstrapServers(),
                settings.topology().inputTopic(), settings.app().processingGuarantee());
        IndexerMetrics metrics = new IndexerMetrics(registry);
        PostgresSink sink = PostgresSink.open(settings.sink(), settings.indexer().entities(), registry,
                new SinkOptions(settings.faults(), metrics::head));
        try {
            Properties props = StreamsSettings.of(settings.app(), settings.kafka());
            Map<String, Object> admin = new HashMap<>();
            props.forEach((k, v) -> admin.put((String) k, v));
            TopicSetup.ensure(adminSettings(admin), Set.of(settings.topology().inputTopic(), settings.topology().deadLetterTopic()));

            try {
                return startStreams(settings, registry, props, sink, metrics);
            } catch (UnopenableStateException e) {
                // A crash while Kafka Streams deleted a task's state can leave a store it cannot
                // open (a RocksDB directory without its MANIFEST), and every start would fail on
                // it. Local state is only a copy of the changelogs: wipe it and restore.
                LOG.warn("local state in {} cannot be opened ({}); deleting it and restoring from the changelogs",
                        props.get(StreamsConfig.STATE_DIR_CONFIG), e.getMessage());
                return startStreams(settings, registry, props, sink, metrics);
            }
        } catch (RuntimeException e) {
            sink.close();
            throw e;
        }
    }

    /**
     * Builds and starts one Streams client. If its start fails, closes it; if the failure is a
     * damaged local store, also deletes the local state and throws {@link UnopenableStateException}.
     */
    private static IndexerRuntime startStreams(Settings settings, MeterRegistry registry, Properties props, PostgresSink sink,
            IndexerMetrics metrics) {
        StreamsFlowControl flowControl = new StreamsFlowControl(registry);
        KafkaStreams streams = new KafkaStreams(
                TidewaterTopology.build(settings.topology(), settings.indexer(),
                        new TopologyPorts(sink, flowControl, metrics, settings.faults())),
                props);
        if (settings.faults().isArmed()) {
            streams.setGlobalStateRestoreListener(new FaultingRestoreListener(settings.faults()));
        }
        flowControl.bind(streams);
        KafkaStreamsMetrics streamsMetrics = new KafkaStreamsMetrics(streams);
        streamsMetrics.bindTo(registry);
        IndexerRuntime runtime = new IndexerRuntime(sink, streams, metrics, flowControl, streamsMetrics);
        runtime.wire();
        try {
            streams.start();
        } catch (RuntimeException e) {
            boolean closed = streams.close(Duration.ofSeconds(30));
            streamsMetrics.close();
            if (!closed || !(e instanceof StreamsException se) || !storeFilesDamaged(se)) {
                throw e;
            }
            streams.cleanUp();
            throw new UnopenableStateException(se);
        }
        return runtime;
    }

    /**
     * RocksDB found a local store's files corrupt or missing. Nothing else qualifies: a lock held by
     * another process, a permission or a full disk would not be cured by deleting the state, and
     * deleting it from under another process would hurt it.
     */
    private static boolean storeFilesDamaged(StreamsException e) {
        boolean stateError = false;
        for (Throwable t = e; t != null; t = t.getCause()) {
            stateError |= t instanceof ProcessorStateException;
            if (stateError && t instanceof RocksDBException r && r.getStatus() != null) {
                Status.Code code = r.getStatus().getCode();
                return code == Status.Code.Corruption
                        || code == Status.Code.IOError && String.valueOf(r.getMessage()).contains("No such file or directory");
            }
        }
        return false;
    }

    private static final class UnopenableStateException extends RuntimeException {
        UnopenableStateException(StreamsException cause) {
            super(describe(cause), cause);
        }
    }

    private void wire() {
        streams.setUncaughtExceptionHandler(e -> {
            Throwable cause = rootCause(e);
            if (failure.compareAndSet(null, cause instanceof DeepReorgException ? cause : e)) {
                LOG.error("stopping: {}", describe(e));
            }
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        streams.setStateListener((now, before) -> {
            LOG.info("streams state {} -> {}", before, now);
            if (now == KafkaStreams.State.NOT_RUNNING || now == KafkaStreams.State.ERROR) {
                stopped.countDown();
            }
        });
    }

    public IndexerMetrics metrics() {
        return metrics;
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    public boolean paused() {
        return flowControl.paused();
    }

    /**
     * The largest lag, in records, of the input partitions this instance consumes, as its
     * consumers last measured it; -1 before they have.
     */
    public double inputLag() {
        double lag = -1;
        for (var e : streams.metrics().entrySet()) {
            if (e.getKey().name().equals("records-lag-max") && e.getKey().group().equals("consumer-fetch-manager-metrics")
                    && !e.getKey().tags().containsKey("topic") && e.getValue().metricValue() instanceof Double d && !d.isNaN()) {
                lag = Math.max(lag, d);
            }
        }
        return lag;
    }

    /** The first fatal error, if any: a deep reorg, a failed write, a processing bug. */
    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure.get());
    }

    /** Whether the client stopped by itself (after a fatal error). */
    public boolean awaitStop(Duration timeout) throws InterruptedException {
        return stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** True once every task has consumed up to {@code endOffsets} and written everything it changed. */
    public boolean caughtUp(Map<Integer, Long> endOffsets) {
        Map<Integer, TaskProgress> tasks = metrics.tasks();
        for (Map.Entry<Integer, Long> end : endOffsets.entrySet()) {
            if (end.getValue() <= 0) {
                continue;
            }
            TaskProgress p = tasks.get(end.getKey());
            if (p == null || p.consumedOffset() < end.getValue() - 1 || !p.caughtUp()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Stops processing, flushing every task's unwritten changes, then the sink.
     *
     * @return the exit code this run deserves: 0 only if nothing failed and everything was written
     */
    public int shutdown(Duration timeout) {
        boolean closed = streams.close(new KafkaStreams.CloseOptions().timeout(timeout));
        streamsMetrics.close();
        sink.close();
        Throwable error = failure.get();
        if (error instanceof DeepReorgException) {
            return ExitCode.DEEP_REORG;
        }
        if (error != null) {
            return ExitCode.FAILURE;
        }
        if (!closed) {
            LOG.error("the streams client did not close within {} s; unwritten changes stay in the state directory", timeout.toSeconds());
            return ExitCode.FAILURE;
        }
        if (metrics.flushFailure() != null) {
            LOG.error("shutdown could not write everything: {}", metrics.flushFailure().getMessage());
            return ExitCode.FAILURE;
        }
        return ExitCode.OK;
    }

    @Override
    public void close() {
        shutdown(Duration.ofMinutes(2));
    }

    private static Map<String, Object> adminSettings(Map<String, Object> streamsProps) {
        Map<String, Object> admin = new HashMap<>();
        streamsProps.forEach((k, v) -> {
            if (!k.startsWith("consumer.") && !k.startsWith("producer.") && !k.startsWith("main.consumer.")
                    && !k.startsWith("restore.consumer.") && !k.startsWith("global.consumer.")) {
                admin.put(k.startsWith("admin.") ? k.substring("admin.".length()) : k, v);
            }
        });
        admin.keySet().retainAll(org.apache.kafka.clients.admin.AdminClientConfig.configNames());
        return admin;
    }

    static Throwable rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    /**
     * The most telling message of a fatal error: the sink's own (it names the table and the
     * SQL state) when the sink failed, otherwise the root cause's.
     */
    public static String describe(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SinkFailedException || t instanceof DeepReorgException) {
                return t.getMessage();
            }
        }
        Throwable root = rootCause(e);
        return root.getMessage() == null ? root.toString() : root.getMessage();
    }
}
