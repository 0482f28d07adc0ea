package io.tidewater.sink;

/**
 * The sink gave up: a permanent error on a batch (its message names the table, the SQLSTATE
 * and Postgres' message), retries exhausted, or the sink closed before the batch was written.
 * Once one is raised, every later batch fails with the same instance.
 */
public final class PostgresSinkException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    PostgresSinkException(String message, Throwable cause) {
        super(message, cause);
    }
}
