package io.tidewater.sink;

import java.sql.SQLException;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * A SQL error with the table and step it happened in. It keeps the SQLSTATE, so retry
 * classification sees the same error; its message is the one a person reads: table, SQLSTATE,
 * and Postgres' own message and detail.
 */
final class StepFailedException extends SQLException {
    private static final long serialVersionUID = 1L;
    private static final int MAX_DETAIL = 500;

    StepFailedException(String table, String step, SQLException cause) {
        super("table \"" + table + "\", " + step + ": SQLSTATE " + cause.getSQLState() + ": " + postgresMessage(cause),
                cause.getSQLState(), cause);
    }

    /** What a person reads about any failure: SQLSTATE and Postgres' message for SQL errors. */
    static String describe(Throwable e) {
        if (e instanceof SQLException sql && !(e instanceof StepFailedException)) {
            return "SQLSTATE " + sql.getSQLState() + ": " + postgresMessage(sql);
        }
        return e.getMessage() != null ? e.getMessage() : e.toString();
    }

    static String postgresMessage(SQLException e) {
        ServerErrorMessage server = e instanceof PSQLException p ? p.getServerErrorMessage() : null;
        if (server == null || server.getMessage() == null) {
            return e.getMessage();
        }
        String detail = server.getDetail();
        if (detail == null) {
            return server.getMessage();
        }
        return server.getMessage() + " (" + (detail.length() > MAX_DETAIL ? detail.substring(0, MAX_DETAIL) + "…" : detail) + ")";
    }
}
