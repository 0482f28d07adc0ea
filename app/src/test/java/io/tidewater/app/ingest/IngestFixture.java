package io.tidewater.app.ingest;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tidewater.ingest.IngestConfig;
import io.tidewater.ingest.IngestMetrics;
import io.tidewater.ingest.Ingester;
import io.tidewater.ingest.Ingestion;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

/** Ingesters for tests: small ranges and fast retries, so that a few hundred blocks exercise every path. */
final class IngestFixture {
    private IngestFixture() {
    }

    static Map<String, Object> settings(String rpcUrl, String bootstrap, String topic, Object... overrides) {
        Map<String, Object> s = new HashMap<>();
        s.put(IngestConfig.RPC_URL_CONFIG, rpcUrl);
        s.put(IngestConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        s.put(IngestConfig.INPUT_TOPIC_CONFIG, topic);
        s.put(IngestConfig.RANGE_INITIAL_CONFIG, 40L);
        s.put(IngestConfig.RANGE_MAX_CONFIG, 200L);
        s.put(IngestConfig.BATCH_SIZE_CONFIG, 25);
        s.put(IngestConfig.CONCURRENCY_CONFIG, 3);
        s.put(IngestConfig.RETRY_BACKOFF_MS_CONFIG, 10L);
        s.put(IngestConfig.RETRY_BACKOFF_MAX_MS_CONFIG, 200L);
        s.put(IngestConfig.TIMEOUT_MS_CONFIG, 1_000L);
        s.put(IngestConfig.POLL_INTERVAL_MS_CONFIG, 50L);
        for (int i = 0; i < overrides.length; i += 2) {
            s.put((String) overrides[i], overrides[i + 1]);
        }
        return s;
    }

    static Ingester.Outcome run(Map<String, Object> settings, IngestMetrics metrics) throws InterruptedException {
        try (Ingestion ingestion = Ingestion.create(new IngestConfig(settings), Map.of(), metrics)) {
            return ingestion.run();
        }
    }

    static IngestMetrics metrics() {
        return new IngestMetrics(new SimpleMeterRegistry());
    }

    /** A following ingester on a thread of its own, stopped by {@link #stop()}. */
    static final class Follower {
        private final Thread thread;
        private final AtomicReference<Throwable> failure = new AtomicReference<>();
        private final CompletableFuture<Void> done = new CompletableFuture<>();
        final IngestMetrics metrics = metrics();

        Follower(Map<String, Object> settings) {
            settings.put(IngestConfig.FOLLOW_CONFIG, true);
            thread = new Thread(() -> {
                try (Ingestion ingestion = Ingestion.create(new IngestConfig(settings), Map.of(), metrics)) {
                    try {
                        ingestion.run();
                    } catch (InterruptedException | org.apache.kafka.common.errors.InterruptException e) {
                        // Stopped: clear the interrupt, so that closing waits for what was sent.
                        Thread.interrupted();
                    }
                } catch (Throwable t) {
                    failure.set(t);
                } finally {
                    done.complete(null);
                }
            }, "test-follower");
            thread.start();
        }

        /** Waits until {@code condition} holds or the follower died; a bound, not a speed test. */
        void await(BooleanSupplier condition, String what) throws InterruptedException {
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (!condition.getAsBoolean()) {
                if (done.isDone()) {
                    throw new AssertionError("the follower stopped before " + what, failure.get());
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("gave up waiting for " + what + "; produced block " + metrics.producedBlock());
                }
                Thread.sleep(20);
            }
        }

        /** Waits for the follower to end by itself, and returns what ended it. */
        Throwable awaitFailure() throws Exception {
            done.get(2, java.util.concurrent.TimeUnit.MINUTES);
            return failure.get();
        }

        void stop() throws Exception {
            thread.interrupt();
            done.get(1, java.util.concurrent.TimeUnit.MINUTES);
            if (failure.get() != null) {
                throw new AssertionError("the follower failed", failure.get());
            }
        }
    }
}
