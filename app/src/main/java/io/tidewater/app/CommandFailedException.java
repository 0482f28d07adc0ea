package io.tidewater.app;

/**
 * A failure whose message says everything a user needs, such as "topic 'x' is not available":
 * the CLI prints it on one line, without a stack trace, and exits {@link ExitCode#FAILURE}.
 * Other unexpected exceptions also get their stack trace logged.
 */
public class CommandFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CommandFailedException(String message) {
        super(message);
    }

    public CommandFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
