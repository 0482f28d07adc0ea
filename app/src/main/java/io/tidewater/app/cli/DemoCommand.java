package io.tidewater.app.cli;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "demo", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {
            "Runs the ERC20 indexer on a synthetic chain, with nothing installed.",
            "An in-process Kafka broker and an embedded Postgres are started and removed again; the chain "
                + "has explicit and implicit reorgs and duplicates. Shows live progress, then a summary and how "
                + "to query the tables with psql."})
final class DemoCommand implements Callable<Integer> {
    private final CommandRunner runner;

    @Option(names = "--keep-running",
            description = "After the summary, keep Kafka, Postgres and the HTTP endpoints up until Ctrl-C.")
    boolean keepRunning;

    @Option(names = "--indexer-jar", paramLabel = "JAR|DIR",
            description = "Run the indexer in this jar, or directory of jars, on the synthetic ERC20 chain instead of the ERC20 example.")
    Path indexerJar;

    DemoCommand(CommandRunner runner) {
        this.runner = runner;
    }

    @Override
    public Integer call() throws Exception {
        return runner.demo(new DemoOptions(keepRunning, Optional.ofNullable(indexerJar)));
    }
}
