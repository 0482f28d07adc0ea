package io.tidewater.sink;

import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a unit of work until it succeeds, fails permanently, or runs out of attempts. Transient
 * failures ({@link TransientErrors}) wait with capped exponential backoff and jitter, then
 * retry; with the default of unlimited attempts an outage of any length becomes backpressure,
 * never dropped data. The wait is interruptible: that is how {@code close()} ends a retry loop
 * that outlives its timeout.
 */
final class Retrier {
    /** One attempt; it must be safe to run again after it failed. */
    @FunctionalInterface
    interface Attempt<T> {
        T run() throws Exception;
    }

    /** Transient failures outlasted {@code retry.max.attempts}. */
    static final class ExhaustedException extends Exception {
        private static final long serialVersionUID = 1L;

        ExhaustedException(int attempts, Exception last) {
            super("gave up after " + attempts + " attempts; the last failed with " + StepFailedException.describe(last), last);
        }
    }

    private static final Logger log = LoggerFactory.getLogger(Retrier.class);

    private final long initialBackoffMs;
    private final long maxBackoffMs;
    private final int maxAttempts;
    private final SinkMetrics metrics;

    /** @param maxAttempts attempts in all, or {@link PostgresSinkConfig#UNLIMITED} */
    Retrier(long initialBackoffMs, long maxBackoffMs, int maxAttempts, SinkMetrics metrics) {
        this.initialBackoffMs = Math.max(1, initialBackoffMs);
        this.maxBackoffMs = Math.max(this.initialBackoffMs, maxBackoffMs);
        this.maxAttempts = maxAttempts;
        this.metrics = metrics;
    }

    /**
     * @throws Exception the first permanent failure
     * @throws ExhaustedException when transient failures outlast the attempts
     * @throws InterruptedException if interrupted while waiting to retry
     */
    <T> T executeWithRetries(String description, Attempt<T> attempt) throws Exception {
        for (int n = 1;; n++) {
            try {
                return attempt.run();
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                if (Thread.currentThread().isInterrupted()) {
                    // close() gave up waiting; whatever failed, this is no time to retry.
                    InterruptedException interrupted = new InterruptedException(description + ": interrupted");
                    interrupted.addSuppressed(e);
                    throw interrupted;
                }
                Optional<String> cause = TransientErrors.cause(e);
                if (cause.isEmpty()) {
                    throw e;
                }
                if (maxAttempts != PostgresSinkConfig.UNLIMITED && n >= maxAttempts) {
                    throw new ExhaustedException(n, e);
                }
                long backoff = backoffMs(n);
                metrics.retried(cause.get());
                log.warn("{}: attempt {} failed ({}), retrying in {} ms: {}", description, n, cause.get(), backoff, e.getMessage());
                Thread.sleep(backoff);
            }
        }
    }

    /** Between half and all of min(max, initial * 2^(n-1)), so instances that failed together spread out. */
    long backoffMs(int attempt) {
        long ceiling = initialBackoffMs << Math.min(attempt - 1, 30);
        if (ceiling <= 0 || ceiling > maxBackoffMs) {
            ceiling = maxBackoffMs;
        }
        return ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1);
    }
}
