package io.tidewater.app.cli;

import io.tidewater.app.CommandFailedException;
import io.tidewater.app.ExitCode;
import io.tidewater.app.produce.InvalidLineException;
import io.tidewater.topology.api.DeepReorgException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Turns every failure into one line on stderr, prefixed with the command, and an exit code:
 * bad flags, config and input exit 2 with no stack trace; a deep reorg exits 3; anything else
 * exits 1. Exceptions of no known kind also get their stack trace logged, since those are bugs
 * or surprises someone will need to trace.
 */
final class ErrorReporter implements IParameterExceptionHandler, IExecutionExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorReporter.class);

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        String name = cmd.getCommandSpec().qualifiedName();
        PrintWriter err = cmd.getErr();
        // A misspelt flag usually also leaves a required one missing; the misspelling is the news.
        List<String> unmatched = cmd.getUnmatchedArguments();
        String message = ex instanceof UnmatchedArgumentException || unmatched.isEmpty()
                ? ex.getMessage()
                : "Unknown option" + (unmatched.size() > 1 ? "s" : "") + ": "
                        + unmatched.stream().map(a -> "'" + a + "'").collect(Collectors.joining(", "));
        err.println(name + ": " + message);
        err.println("Try '" + name + " --help' for more information.");
        err.flush();
        return ExitCode.USAGE;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
        String name = cmd.getCommandSpec().qualifiedName();
        PrintWriter err = cmd.getErr();
        int code;
        String message;
        Optional<DeepReorgException> deepReorg = find(ex, DeepReorgException.class);
        Optional<ConfigException> config = find(ex, ConfigException.class);
        Optional<InvalidLineException> invalidLine = find(ex, InvalidLineException.class);
        if (deepReorg.isPresent()) {
            code = ExitCode.DEEP_REORG;
            message = deepReorg.get().getMessage();
        } else if (config.isPresent()) {
            code = ExitCode.USAGE;
            message = "config error: " + config.get().getMessage();
        } else if (invalidLine.isPresent()) {
            code = ExitCode.USAGE;
            message = invalidLine.get().getMessage();
        } else {
            code = ExitCode.FAILURE;
            message = describe(ex);
            if (!(ex instanceof CommandFailedException)) {
                LOG.error("{} failed", name, ex);
            }
        }
        err.println(name + ": " + oneLine(message));
        err.flush();
        return code;
    }

    private static <T extends Throwable> Optional<T> find(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return Optional.of(type.cast(c));
            }
        }
        return Optional.empty();
    }

    /** The exception's message, and its root cause's when that adds something. */
    private static String describe(Throwable t) {
        String message = t.getMessage() == null ? t.getClass().getName() : t.getMessage();
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root != t && root.getMessage() != null && !message.contains(root.getMessage())) {
            message += " (caused by " + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
        }
        return message;
    }

    private static String oneLine(String s) {
        return s.replaceAll("\\s*\\R\\s*", " ");
    }
}
