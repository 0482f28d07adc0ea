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
import io.tidewater.topology.TopologyPorts;
import io.tidewater.topology.api.DeepReorgException;
import io.tidewater.topology.api.Indexer;
import io.tidewater.topology.api.IndexerListener;
import io.tidewater.topology.api.SinkFailedException;
import io.tidewater.topology.internals.faults.FaultHook;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TaskMetadata;
import org.apache.kafka.streams.ThreadMetadata;
import org.apache.kafka.streams.errors.ProcessorStateException;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.processor.StateRestoreListener;
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
 * only hide it. The one error that only replaces the thread is a commit the transaction
 * coordinator failed ({@link StreamThreadFailures}).
 *
 * <p>Under exactly-once, a transaction the brokers left open on a changelog partition would hold
 * that partition's restore back forever; {@link HangingTransactionWatch} aborts it.
 */
public final class IndexerRuntime implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(IndexerRuntime.class);
    /** Rollbacks are logged as one summary line per this interval, not one line each. */
    static final long ROLLBACK_SUMMARY_INTERVAL_MS = 60_000;

    /** Everything a runtime is made from. */
    public record Settings(AppConfig app, TidewaterConfig topology, PostgresSinkConfig sink, Map<String, String> kafka,
            Indexer indexer) {
    }

    private final PostgresSink sink;
    private final KafkaStreams streams;
    private final IndexerProgress progress;
    private final RollbackSummary rollbacks;
    private final StreamsFlowControl flowControl;
    private final KafkaStreamsMetrics streamsMetrics;
    private final Map<String, Object> adminSettings;
    private final HangingTransactionWatch hangingTransactions;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final CountDownLatch stopped = new CountDownLatch(1);

    private IndexerRuntime(PostgresSink sink, KafkaStreams streams, IndexerProgress progress, RollbackSummary rollbacks,
            StreamsFlowControl flowControl, KafkaStreamsMetrics streamsMetrics, Map<String, Object> adminSettings,
            HangingTransactionWatch hangingTransactions) {
        this.sink = sink;
        this.streams = streams;
        this.progress = progress;
        this.rollbacks = rollbacks;
        this.flowControl = flowControl;
        this.streamsMetrics = streamsMetrics;
        this.adminSettings = Map.copyOf(adminSettings);
        this.hangingTransactions = hangingTransactions;
    }

    /** Opens the sink (creating or checking tables), creates missing topics and starts processing. */
    public static IndexerRuntime start(Settings settings, MeterRegistry registry) {
        return start(settings, registry, null);
    }

    /**
     * As {@link #start(Settings, MeterRegistry)}, with how long an open transaction must hold a
     * changelog's restore before it is looked at as hanging ({@link HangingTransactionWatch}); null
     * for the default, derived from the producers' transaction timeout. Tests shorten it.
     */
    static IndexerRuntime start(Settings settings, MeterRegistry registry, Duration hangingTransactionAbortAfter) {
        LOG.info("starting indexer '{}' on {} (input {}, {})", settings.indexer().name(), settings.app().bootstrapServers(),
                settings.topology().inputTopic(), settings.app().processingGuarantee());
        IndexerProgress progress = new IndexerProgress();
        PostgresSink sink = PostgresSink.open(settings.sink(), settings.indexer().entities(), registry,
                new SinkOptions(progress::head));
        try {
            Properties props = StreamsSettings.of(settings.app(), settings.kafka());
            TopicSetup.ensure(StreamsSettings.admin(props), Set.of(settings.topology().inputTopic(), settings.topology().deadLetterTopic()));

            try {
                return startStreams(settings, registry, props, sink, progress, hangingTransactionAbortAfter);
            } catch (UnopenableStateException e) {
                // A crash while Kafka Streams deleted a task's state can leave a store it cannot
                // open (a RocksDB directory without its MANIFEST), and every start would fail on
                // it. Local state is only a copy of the changelogs: wipe it and restore.
                LOG.warn("local state in {} cannot be opened ({}); deleting it and restoring from the changelogs",
                        props.get(StreamsConfig.STATE_DIR_CONFIG), e.getMessage());
                return startStreams(settings, registry, props, sink, progress, hangingTransactionAbortAfter);
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
            IndexerProgress progress, Duration hangingTransactionAbortAfter) {
        StreamsFlowControl flowControl = new StreamsFlowControl(registry);
        RollbackSummary rollbacks = new RollbackSummary(ROLLBACK_SUMMARY_INTERVAL_MS, System::nanoTime, LOG::info);
        // Progress first: the meters' gauges read it.
        IndexerListener listener = new ListenerChain(List.of(progress, new IndexerMeters(registry, progress), rollbacks));
        KafkaStreams streams = new KafkaStreams(
                TidewaterTopology.build(settings.topology(), settings.indexer(),
                        new TopologyPorts(sink, flowControl, listener)),
                props);
        FaultHook faults = settings.topology().faults();
        List<StateRestoreListener> restoreListeners = new ArrayList<>();
        if (faults != FaultHook.NONE) {
            restoreListeners.add(new FaultingRestoreListener(faults));
        }
        // Only a read_committed restore can be held back by an open transaction.
        HangingTransactionWatch hangingTransactions = null;
        if (StreamsConfig.EXACTLY_ONCE_V2.equals(props.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG))) {
            Duration abortAfter = hangingTransactionAbortAfter != null ? hangingTransactionAbortAfter
                    : HangingTransactionWatch.abortAfter(StreamsSettings.transactionTimeoutMs(props));
            hangingTransactions = new HangingTransactionWatch(Admin.create(StreamsSettings.admin(props)), abortAfter, System::nanoTime);
            restoreListeners.add(hangingTransactions);
        }
        if (!restoreListeners.isEmpty()) {
            streams.setGlobalStateRestoreListener(new RestoreListenerChain(restoreListeners));
        }
        flowControl.bind(streams);
        KafkaStreamsMetrics streamsMetrics = new KafkaStreamsMetrics(streams);
        streamsMetrics.bindTo(registry);
        IndexerRuntime runtime = new IndexerRuntime(sink, streams, progress, rollbacks, flowControl, streamsMetrics,
                StreamsSettings.admin(props), hangingTransactions);
        runtime.wire(faults);
        try {
            streams.start();
            if (hangingTransactions != null) {
                hangingTransactions.start(HangingTransactionWatch.CHECK_INTERVAL);
            }
        } catch (RuntimeException e) {
            boolean closed = streams.close(Duration.ofSeconds(30));
            streamsMetrics.close();
            if (hangingTransactions != null) {
                hangingTransactions.close();
            }
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

    private void wire(FaultHook faults) {
        streams.setUncaughtExceptionHandler(new StreamThreadFailures(e -> {
            Throwable cause = rootCause(e);
            if (failure.compareAndSet(null, cause instanceof DeepReorgException ? cause : e)) {
                LOG.error("stopping: {}", describe(e));
            }
        }, System::nanoTime));
        streams.setStateListener((now, before) -> {
            LOG.info("streams state {} -> {}", before, now);
            faults.signal("streams-state", Map.of("from", before.name(), "to", now.name()));
            if (now == KafkaStreams.State.NOT_RUNNING || now == KafkaStreams.State.ERROR) {
                stopped.countDown();
            }
        });
    }

    /** Settings for an admin client of the cluster this runtime consumes from. */
    public Map<String, Object> adminSettings() {
        return adminSettings;
    }

    /** Where the indexer stands: per chain, per task, totals. */
    public IndexerProgress progress() {
        return progress;
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    public boolean paused() {
        return flowControl.paused();
    }

    /** The partitions of {@code topic} that this instance's stream threads hold as active tasks now. */
    public Set<Integer> assignedPartitions(String topic) {
        Set<Integer> partitions = new TreeSet<>();
        for (ThreadMetadata thread : streams.metadataForLocalThreads()) {
            for (TaskMetadata task : thread.activeTasks()) {
                for (TopicPartition tp : task.topicPartitions()) {
                    if (tp.topic().equals(topic)) {
                        partitions.add(tp.partition());
                    }
                }
            }
        }
        return partitions;
    }

    /** This instance's stream threads now. */
    public java.util.Collection<ThreadMetadata> threads() {
        return streams.metadataForLocalThreads();
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
        return progress.caughtUp(endOffsets);
    }

    /**
     * Stops processing, flushing every task's unwritten changes, then the sink.
     *
     * @return the exit code this run deserves: 0 only if nothing failed and everything was written
     */
    public int shutdown(Duration timeout) {
        progress.shutdownStarted();
        boolean closed = streams.close(new KafkaStreams.CloseOptions().timeout(timeout));
        streamsMetrics.close();
        if (hangingTransactions != null) {
            hangingTransactions.close();
        }
        sink.close();
        rollbacks.close();
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
        if (progress.flushFailure() != null) {
            LOG.error("shutdown could not write everything: {}", progress.flushFailure().getMessage());
            return ExitCode.FAILURE;
        }
        return ExitCode.OK;
    }

    @Override
    public void close() {
        shutdown(Duration.ofMinutes(2));
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
