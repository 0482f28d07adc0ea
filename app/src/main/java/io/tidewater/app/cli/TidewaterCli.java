package io.tidewater.app.cli;

import io.tidewater.app.ExitCode;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Builds the {@code tidewater} command line. What {@code demo}, {@code replay} and {@code run} do
 * is the {@link CommandRunner}'s; {@code produce} is self-contained.
 *
 * <pre>{@code
 * int exit = TidewaterCli.create(runner, System.getenv()).execute(args);
 * }</pre>
 */
public final class TidewaterCli {
    private TidewaterCli() {
    }

    /** @param environment what {@code run} reads TIDEWATER_* overrides from */
    public static CommandLine create(CommandRunner runner, Map<String, String> environment) {
        ErrorReporter errors = new ErrorReporter();
        return new CommandLine(new Root())
                .addSubcommand(new DemoCommand(runner))
                .addSubcommand(new ReplayCommand(runner))
                .addSubcommand(new RunCommand(runner, Map.copyOf(environment)))
                .addSubcommand(new ProduceCommand())
                .addSubcommand(new IngestCommand(runner, Map.copyOf(environment)))
                .addSubcommand(new IndexCommand(runner, Map.copyOf(environment)))
                .addSubcommand(new InitCommand())
                .setParameterExceptionHandler(errors)
                .setExecutionExceptionHandler(errors)
                // Descriptions are paragraphs that picocli wraps: to the terminal's width when there is
                // one, else to 80 columns.
                .setUsageHelpAutoWidth(true);
    }

    @Command(name = "tidewater", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
            description = "Indexes blockchain events into Postgres on Kafka Streams.",
            footer = {"",
                "The ./tidewater launcher also runs 'bench' (the benchmarks) and 'chaos' (the reliability "
                    + "harness); each has --help.",
                "Exit codes: 0 ok, 1 runtime failure, 2 bad flag, config or input, 3 deep reorg."})
    static final class Root implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        /** No subcommand is a usage error: show what there is. */
        @Override
        public Integer call() {
            spec.commandLine().getErr().println("tidewater: a command is required");
            spec.commandLine().usage(spec.commandLine().getErr());
            return ExitCode.USAGE;
        }
    }
}
