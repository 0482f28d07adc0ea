package io.tidewater.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

class TransientErrorsTest {
    /** An exception as thrown at the top of the given frames, callers last. */
    private static <T extends Throwable> T thrownAt(T t, String... classes) {
        StackTraceElement[] frames = new StackTraceElement[classes.length];
        for (int i = 0; i < classes.length; i++) {
            frames[i] = new StackTraceElement(classes[i], "m", null, -1);
        }
        t.setStackTrace(frames);
        return t;
    }

    @Test
    void anUncheckedExceptionFromTheDriversProtocolCodeIsAConnectionFailure() {
        // As seen in a chaos run: a statement sent as a Postgres frozen for 30 s came back.
        NoSuchElementException lost = thrownAt(new NoSuchElementException(), "java.util.ArrayDeque",
                "org.postgresql.core.v3.QueryExecutorImpl", "org.postgresql.jdbc.PgStatement", "io.tidewater.sink.ProgressStore");

        assertThat(TransientErrors.cause(lost)).contains("08");
        assertThat(TransientErrors.cause(new RuntimeException("wrapped", lost))).contains("08");
    }

    @Test
    void anUncheckedExceptionOfOurOwnIsPermanent() {
        NullPointerException bug = thrownAt(new NullPointerException(), "java.util.Objects", "io.tidewater.sink.BatchPreparer",
                "org.postgresql.core.v3.QueryExecutorImpl");

        assertThat(TransientErrors.cause(bug)).isEmpty();
        assertThat(TransientErrors.cause(new IllegalArgumentException("entity Transfer: bad value"))).isEmpty();
    }

    @Test
    void sqlStatesDecideForSqlExceptions() {
        assertThat(TransientErrors.cause(new SQLException("gone", "08006"))).contains("08");
        assertThat(TransientErrors.cause(new SQLException("deadlock", "40P01"))).contains("40");
        assertThat(TransientErrors.cause(new SQLException("duplicate key", "23505"))).isEmpty();
    }
}
