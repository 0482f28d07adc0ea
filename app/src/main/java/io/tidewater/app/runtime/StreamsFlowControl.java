package io.tidewater.app.runtime;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.tidewater.topology.api.FlowControl;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Backpressure through {@link KafkaStreams#pause()}: the client pauses while any task is over
 * its capacity target with a write in flight, and resumes when none is. Paused, Streams keeps
 * polling, heartbeating and committing, so a database outage of minutes causes neither a
 * rebalance nor a transaction timeout; it also skips punctuation, which is why tasks are
 * released by the writer's completion callback rather than by a punctuator.
 *
 * <p>Called from stream threads and the sink's writer thread; all state is under one lock.
 */
public final class StreamsFlowControl implements FlowControl {
    public static final String BACKPRESSURE_TIMER = "tidewater.backpressure";
    public static final String BACKPRESSURE_DOC = "Time processing was paused waiting for the Postgres writer";

    private final Set<String> waiting = new HashSet<>();
    private final Timer pausedTime;
    private KafkaStreams streams;
    private long pausedSince;

    public StreamsFlowControl(MeterRegistry registry) {
        this.pausedTime = Timer.builder(BACKPRESSURE_TIMER).description(BACKPRESSURE_DOC).register(registry);
    }

    /** Binds the client once it exists; the topology is built before the client. */
    public synchronized void bind(KafkaStreams streams) {
        this.streams = streams;
    }

    @Override
    public synchronized void requestPause(String task) {
        if (waiting.add(task) && waiting.size() == 1 && streams != null) {
            pausedSince = System.nanoTime();
            streams.pause();
        }
    }

    @Override
    public synchronized void release(String task) {
        if (waiting.remove(task) && waiting.isEmpty() && streams != null) {
            streams.resume();
            pausedTime.record(System.nanoTime() - pausedSince, TimeUnit.NANOSECONDS);
        }
    }

    public synchronized boolean paused() {
        return !waiting.isEmpty();
    }
}
