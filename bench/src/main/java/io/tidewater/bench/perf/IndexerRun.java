package io.tidewater.bench.perf;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tidewater.app.runtime.StreamsFlowControl;
import io.tidewater.examples.erc20.Erc20Indexer;
import io.tidewater.topology.TidewaterConfig;
import io.tidewater.topology.TidewaterTopology;
import io.tidewater.topology.TopologyPorts;
import io.tidewater.topology.api.BatchSink;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;

/**
 * The ERC20 indexer's real topology on a real broker, with a sink of the measurement's
 * choosing and the production flow control, as {@code IndexerRuntime} wires it. A fatal error
 * on the stream thread is kept and rethrown by the waits.
 */
final class IndexerRun implements AutoCloseable {
    private final KafkaStreams streams;
    private final ProgressTracker tracker = new ProgressTracker();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    IndexerRun(BenchStack stack, String topic, String appId, BatchSink sink, Map<String, Object> topologyOverrides) throws Exception {
        String deadLetters = appId + ".dead-letters";
        stack.createTopic(deadLetters);
        Map<String, Object> settings = new HashMap<>(topologyOverrides);
        settings.put(TidewaterConfig.INPUT_TOPIC_CONFIG, topic);
        settings.put(TidewaterConfig.INPUT_FORMAT_CONFIG, "avro");
        settings.put(TidewaterConfig.DEAD_LETTER_TOPIC_CONFIG, deadLetters);
        StreamsFlowControl flowControl = new StreamsFlowControl(new SimpleMeterRegistry());
        streams = new KafkaStreams(TidewaterTopology.build(new TidewaterConfig(settings), new Erc20Indexer(),
                new TopologyPorts(sink, flowControl, tracker)), StreamsProps.of(stack.bootstrapServers(), appId));
        flowControl.bind(streams);
        streams.setUncaughtExceptionHandler(e -> {
            failure.compareAndSet(null, e);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        streams.start();
    }

    ProgressTracker tracker() {
        return tracker;
    }

    /** Waits until every record up to {@code lastOffset} was consumed. */
    void awaitConsumed(long lastOffset, Duration timeout) throws InterruptedException {
        await(() -> tracker.lastConsumedOffset() >= lastOffset, timeout, "consume through offset " + lastOffset);
    }

    /** Waits until every record up to {@code lastOffset} was consumed and everything it changed written. */
    void awaitWritten(long lastOffset, Duration timeout) throws InterruptedException {
        await(() -> tracker.caughtUp(lastOffset), timeout, "write through offset " + lastOffset);
    }

    void await(java.util.function.BooleanSupplier condition, Duration timeout, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (failure.get() != null) {
                throw new IllegalStateException("the indexer failed: " + failure.get().getMessage(), failure.get());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the indexer did not " + what + " within " + timeout.toSeconds() + " s");
            }
            Thread.sleep(5);
        }
    }

    @Override
    public void close() {
        streams.close(Duration.ofMinutes(2));
        // A run's stores are of no use afterwards, and the full run's reach gigabytes (Streams keeps a lock file).
        streams.cleanUp();
    }
}
