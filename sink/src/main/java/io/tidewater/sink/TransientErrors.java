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
 * {@code jdbc.idle.in.transaction.timeout.ms}), and the pool's timeout waiting for a connection.
 * Everything else (constraints, data, types, syntax, privileges) fails the same way every time,
 * so retrying would only hide it.
 */
final class TransientErrors {
    static final String POOL_TIMEOUT = "pool-timeout";
    private static final Set<String> STATES = Set.of("40001", "40P01", "57P01", "57P02", "57P03", "53300", "25P03");

    private TransientErrors() {
    }

    /** The cause to count a retry under (a SQLSTATE class, or {@code pool-timeout}), if it is transient. */
    static Optional<String> cause(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException) {
                return Optional.of(POOL_TIMEOUT);
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
}
