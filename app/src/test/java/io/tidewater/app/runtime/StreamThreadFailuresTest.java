package io.tidewater.app.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidewater.topology.api.SinkFailedException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InvalidTxnStateException;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.junit.jupiter.api.Test;

class StreamThreadFailuresTest {
    private final List<Throwable> fatal = new ArrayList<>();
    private long now;
    private final StreamThreadFailures failures = new StreamThreadFailures(fatal::add, () -> now);

    /** As Kafka Streams 4.3 reports a commit the brokers answered INVALID_TXN_STATE after aborting the transaction themselves. */
    private static StreamsException commitRefused() {
        return commitFailed(new InvalidTxnStateException("The producer attempted a transactional operation in an invalid state."));
    }

    /** As Kafka Streams 4.3 wraps whatever failed its commit. */
    private static StreamsException commitFailed(Exception cause) {
        return new StreamsException("Error encountered trying to commit a transaction [stream-thread [t-StreamThread-1]]", cause);
    }

    @Test
    void aCommitTheBrokersRefusedAfterAbortingTheTransactionReplacesTheThreadInsteadOfStoppingTheApp() {
        assertThat(failures.handle(commitRefused())).isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
        assertThat(fatal).isEmpty();
    }

    /**
     * As Kafka Streams 4.3.1 reported a commit that reached the coordinator while it fenced the
     * epoch of the timed-out transaction (RELIABILITY finding 19): the broker failed the EndTxn
     * request with UNKNOWN_SERVER_ERROR.
     */
    private static StreamsException commitFailedByTheCoordinator() {
        return commitFailed(new KafkaException(
                "Unhandled error in EndTxnResponse: The server experienced an unexpected error when processing the request."));
    }

    @Test
    void aCommitTheCoordinatorFailedWithAnUnexpectedErrorAlsoReplacesTheThread() {
        assertThat(failures.handle(commitFailedByTheCoordinator())).isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
        assertThat(fatal).isEmpty();
    }

    @Test
    void anUnexpectedErrorElsewhereInTheProducerStillStopsTheClient() {
        StreamsException send = new StreamsException("Error encountered sending record to topic t-changelog for task 0_1",
                new KafkaException("Unexpected error in AddOffsetsToTxnResponse: The server experienced an unexpected error."));

        assertThat(failures.handle(send)).isEqualTo(StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
        assertThat(fatal).hasSize(1);
    }

    @Test
    void anyOtherErrorStopsTheClientAndIsReported() {
        SinkFailedException sink = new SinkFailedException("balance: permanent error 23514", null);

        assertThat(failures.handle(new StreamsException("task failed", sink))).isEqualTo(StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
        assertThat(fatal).hasSize(1);
    }

    @Test
    void refusedCommitsOverAndOverStopTheClientAfterAll() {
        for (int i = 0; i < StreamThreadFailures.MAX_REPLACEMENTS; i++) {
            now += TimeUnit.SECONDS.toNanos(30);
            StreamsException failure = i % 2 == 0 ? commitRefused() : commitFailedByTheCoordinator();
            assertThat(failures.handle(failure)).as("one budget for both kinds").isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
        }
        assertThat(failures.handle(commitRefused())).isEqualTo(StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
        assertThat(fatal).hasSize(1);

        now += TimeUnit.MINUTES.toNanos(StreamThreadFailures.WINDOW_MINUTES + 1);
        assertThat(failures.handle(commitRefused())).as("a new window").isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
    }
}
