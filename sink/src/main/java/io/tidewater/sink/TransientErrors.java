package io.tidewater.sink;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Optional;
import java.util.Set;

/**
 * Which failures are worth retrying, and under what name they are counted. Transient: the
 * connection (SQLSTATE class 08), serialization failures and deadlocks (40001, 40P01), the
 * server shutting down or starting (57P01, 57P02, 57P03), too many connections (53300), a session
 * the server ended for idling inside its transaction (25P03: the writer was paused past
 * {@code jdbc.idle.in.transaction.timeout.ms}), the pool's timeout waiting for a connection, and
 * an unchecked exception from the driver's protocol code, which means the driver lost its place in
 * the conversation: counted as the connection class (08), and the connection is not to be reused.
 * (pgjdbc 42.7 threw {@code NoSuchElementException} from {@code QueryExecutorImpl.processResults}
 * for a statement sent as a server frozen for 30 s came back.) Everything else (constraints, data,
 * types, syntax, privileges) fails the same way every time, so retrying would only hide it.
 */
final class TransientErrors {
    static final String POOL_TIMEOUT = "pool-timeout";
    private static final String CONNECTION = "08";
    private static final String DRIVER_PROTOCOL = "org.postgresql.core.";
    private static final Set<String> STATES = Set.of("40001", "40P01", "57P01", "57P02", "57P03", "53300", "25P03");

    private TransientErrors() {
    }

    /** The cause to count a retry under (a SQLSTATE class, or {@code pool-timeout}), if it is transient. */
    static Optional<String> cause(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException) {
                return Optional.of(POOL_TIMEOUT);
            }
            if (t instanceof RuntimeException && driverProtocolError(t)) {
                return Optional.of(CONNECTION);
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.startsWith("08") || STATES.contains(state)) {
                    return Optional.of(state.substring(0, 2));
                }
                return Optional.empty();
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return Optional.empty();
    }

    /** Whether an unchecked exception came out of the driver's wire protocol code. */
    static boolean driverProtocolError(Throwable t) {
        for (StackTraceElement frame : t.getStackTrace()) {
            if (frame.getClassName().startsWith(DRIVER_PROTOCOL)) {
                return true;
            }
            if (frame.getClassName().startsWith("io.tidewater.")) {
                return false;
            }
        }
        return false;
    }
}
