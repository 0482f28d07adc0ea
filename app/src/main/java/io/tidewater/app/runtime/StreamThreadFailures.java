package io.tidewater.app.runtime;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.apache.kafka.common.errors.InvalidTxnStateException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What becomes of a stream thread that died. Every error stops the whole client (see
 * {@link IndexerRuntime}), with one exception: a transaction the broker aborted on its own.
 *
 * <p>When the brokers are unreachable for longer than the transaction timeout, the transaction
 * coordinator aborts the thread's open transaction and bumps its producer epoch; a commit that was
 * waiting meanwhile is answered {@code INVALID_TXN_STATE} under transactions v2 (Kafka 4.3,
 * KAFKA-20785; v1 answered {@code PRODUCER_FENCED}, which Kafka Streams recovers from), and Kafka
 * Streams treats that as fatal. Nothing of the transaction was committed: the thread is replaced,
 * the new one's producer starts a fresh epoch, its tasks restore and replay from the last commit,
 * and batches Postgres already holds are skipped, as after a crash. If it happens again and again
 * ({@value #MAX_REPLACEMENTS} times within {@value #WINDOW_MINUTES} minutes) the client stops
 * after all, naming the error.
 *
 * <p>Threading: called on the dying stream thread; synchronized.
 */
final class StreamThreadFailures implements StreamsUncaughtExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(StreamThreadFailures.class);
    static final int MAX_REPLACEMENTS = 5;
    static final long WINDOW_MINUTES = 10;

    private final Consumer<Throwable> fatal;
    private final LongSupplier nanoClock;
    private final Deque<Long> replacements = new ArrayDeque<>();

    /**
     * @param fatal told of an error that stops the client, before it stops
     * @param nanoClock {@link System#nanoTime()}, or a test's clock
     */
    StreamThreadFailures(Consumer<Throwable> fatal, LongSupplier nanoClock) {
        this.fatal = fatal;
        this.nanoClock = nanoClock;
    }

    @Override
    public synchronized StreamThreadExceptionResponse handle(Throwable e) {
        if (abortedByTheBroker(e) && withinBudget()) {
            LOG.warn("the brokers aborted this stream thread's transaction (it outlasted the transaction timeout) and refused its "
                    + "commit: {}; nothing of it was committed, so the thread is replaced and replays from the last commit ({} of {} "
                    + "replacements allowed in {} min)", IndexerRuntime.describe(e), replacements.size(), MAX_REPLACEMENTS, WINDOW_MINUTES);
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        }
        fatal.accept(e);
        return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    }

    private boolean withinBudget() {
        long now = nanoClock.getAsLong();
        long window = WINDOW_MINUTES * 60_000_000_000L;
        while (!replacements.isEmpty() && now - replacements.peekFirst() > window) {
            replacements.removeFirst();
        }
        if (replacements.size() >= MAX_REPLACEMENTS) {
            return false;
        }
        replacements.addLast(now);
        return true;
    }

    private static boolean abortedByTheBroker(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof InvalidTxnStateException) {
                return true;
            }
        }
        return false;
    }
}
