package io.tidewater.app.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "demo", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {
            "Runs the ERC20 indexer on a synthetic chain with reorgs and duplicates, with nothing installed:",
            "an in-process Kafka broker and an embedded Postgres are started and removed again.",
            "Shows live progress, then a summary and how to query the tables with psql."})
final class DemoCommand implements Callable<Integer> {
    private final CommandRunner runner;

    @Option(names = "--keep-running",
            description = "After the summary, keep Kafka, Postgres and the HTTP endpoints up until Ctrl-C.")
    boolean keepRunning;

    DemoCommand(CommandRunner runner) {
        this.runner = runner;
    }

    @Override
    public Integer call() throws Exception {
        return runner.demo(new DemoOptions(keepRunning));
    }
}
