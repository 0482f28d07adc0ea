package io.tidewater.app.runtime;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InvalidTxnStateException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What becomes of a stream thread that died. Every error stops the whole client (see
 * {@link IndexerRuntime}), with one exception: a commit the transaction coordinator failed.
 *
 * <p>Two such failures are seen when brokers are bounced or unreachable for longer than the
 * transaction timeout, both of which Kafka Streams treats as fatal:
 * <ul>
 *   <li>The coordinator aborts the thread's open transaction and bumps its producer epoch; a commit
 *       that was waiting meanwhile is answered {@code INVALID_TXN_STATE} under transactions v2
 *       (Kafka 4.3, KAFKA-20785; v1 answered {@code PRODUCER_FENCED}, which Kafka Streams recovers
 *       from).
 *   <li>The commit reaches the coordinator while it is fencing the epoch of that timed-out
 *       transaction, and the coordinator fails the request on its own state check
 *       ("Preparing transaction state transition to ONGOING while it already a pending state
 *       PREPARE_EPOCH_FENCE", Kafka 4.3.1); the producer reports the {@code UNKNOWN_SERVER_ERROR}
 *       as an unhandled error in the EndTxn response.
 * </ul>
 * Either way the thread is replaced, as if it had crashed mid-commit: the new one's producer
 * settles whatever became of the transaction before it starts a fresh epoch, its tasks restore and
 * replay from the last commit, and batches Postgres already holds are skipped. If it happens again
 * and again ({@value #MAX_REPLACEMENTS} times within {@value #WINDOW_MINUTES} minutes) the client
 * stops after all, naming the error.
 *
 * <p>Threading: called on the dying stream thread; synchronized.
 */
final class StreamThreadFailures implements StreamsUncaughtExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(StreamThreadFailures.class);
    static final int MAX_REPLACEMENTS = 5;
    static final long WINDOW_MINUTES = 10;
    private static final String UNHANDLED_END_TXN = "Unhandled error in EndTxnResponse";

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
        if (commitFailedAtTheCoordinator(e) && withinBudget()) {
            LOG.warn("the transaction coordinator failed this stream thread's commit: {}; the thread is replaced, its successor's "
                    + "producer settles the transaction, and it replays from the last commit ({} of {} replacements allowed in {} min)",
                    IndexerRuntime.describe(e), replacements.size(), MAX_REPLACEMENTS, WINDOW_MINUTES);
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

    private static boolean commitFailedAtTheCoordinator(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            // The producer has no error class for an EndTxn error it does not handle, only this wording.
            if (t instanceof InvalidTxnStateException
                    || (t instanceof KafkaException && String.valueOf(t.getMessage()).startsWith(UNHANDLED_END_TXN))) {
                return true;
            }
        }
        return false;
    }
}
