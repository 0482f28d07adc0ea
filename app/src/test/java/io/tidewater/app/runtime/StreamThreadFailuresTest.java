package io.tidewater.app.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidewater.topology.api.SinkFailedException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
        return new StreamsException("Error encountered trying to commit a transaction [stream-thread [t-StreamThread-1]]",
                new InvalidTxnStateException("The producer attempted a transactional operation in an invalid state."));
    }

    @Test
    void aCommitTheBrokersRefusedAfterAbortingTheTransactionReplacesTheThreadInsteadOfStoppingTheApp() {
        assertThat(failures.handle(commitRefused())).isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
        assertThat(fatal).isEmpty();
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
            assertThat(failures.handle(commitRefused())).isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
        }
        assertThat(failures.handle(commitRefused())).isEqualTo(StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
        assertThat(fatal).hasSize(1);

        now += TimeUnit.MINUTES.toNanos(StreamThreadFailures.WINDOW_MINUTES + 1);
        assertThat(failures.handle(commitRefused())).as("a new window").isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
    }
}
