package io.tidewater.ingest.rpc;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a call until it succeeds: every failure that is not fatal is counted, logged and retried
 * after a capped backoff, for as long as it takes (a node that is down for an hour costs an hour,
 * not the data). Fatal failures and {@link RpcException.Kind#RANGE_LIMIT}, which only the caller
 * can cure by asking for less, are rethrown at once.
 *
 * <p>Threading: stateless apart from its collaborators; safe for any number of threads. An
 * interrupt ends the waiting with {@link InterruptedException}.
 */
public final class Retrier {
    private static final Logger LOG = LoggerFactory.getLogger(Retrier.class);

    /** A call that may fail with an {@link RpcException}. */
    @FunctionalInterface
    public interface Call<T> {
        T run() throws InterruptedException;
    }

    private final Backoff backoff;
    private final RpcObserver observer;

    public Retrier(Backoff backoff, RpcObserver observer) {
        this.backoff = backoff;
        this.observer = observer;
    }

    public <T> T call(String what, Call<T> call) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                return call.run();
            } catch (RpcException e) {
                if (e.kind().fatal() || e.kind() == RpcException.Kind.RANGE_LIMIT) {
                    throw e;
                }
                failed(what, e, attempt);
            }
        }
    }

    /** Counts, logs and waits out a failure that will be retried. */
    public void failed(String what, RpcException e, int attempt) throws InterruptedException {
        counted(what, e, attempt);
        backoff.pause(attempt);
    }

    /** Counts and logs a failure that the caller retries at once, differently (a smaller range). */
    public void counted(String what, RpcException e, int attempt) {
        observer.retried(e.kind());
        // A range limit is the node's normal way of saying "ask for less": counted, not alarming.
        if (e.kind() != RpcException.Kind.RANGE_LIMIT && (attempt == 1 || attempt % 10 == 0)) {
            LOG.warn("{} failed ({}), attempt {}; retrying: {}", what, e.kind().label(), attempt, e.getMessage());
        } else {
            LOG.debug("{} failed ({}), attempt {}: {}", what, e.kind().label(), attempt, e.getMessage());
        }
    }
}
