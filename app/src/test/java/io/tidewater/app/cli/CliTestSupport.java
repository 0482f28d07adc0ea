package io.tidewater.app.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import picocli.CommandLine;

/** Runs the CLI in-process with captured output, as a user's terminal would see it. */
final class CliTestSupport {
    record Run(int exitCode, String out, String err) {
    }

    private CliTestSupport() {
    }

    static Run execute(CommandRunner runner, Map<String, String> env, String... args) {
        CommandLine cli = TidewaterCli.create(runner, env);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    static Run execute(String... args) {
        return execute(new NotWiredRunner(), Map.of(), args);
    }
}
