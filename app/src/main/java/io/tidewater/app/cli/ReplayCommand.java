package io.tidewater.app.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "replay", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {
            "Indexes a JSON-lines file of input records into Postgres, then exits.",
            "Feeds the file through the indexer on an in-process Kafka broker, waits until every record is "
                + "processed and written to Postgres, prints a summary and exits 0. A reorg deeper than the "
                + "threshold exits 3, naming the chain, the depth and the threshold, after everything before "
                + "it is written."})
final class ReplayCommand implements Callable<Integer> {
    private final CommandRunner runner;

    @Spec
    CommandSpec spec;

    @Option(names = "--input", required = true, paramLabel = "FILE.jsonl",
            description = "Input records, one JSON object a line (logs, blocks, reorg notices).")
    Path input;

    @Option(names = "--jdbc-url", paramLabel = "URL",
            description = "Write to this Postgres (tables in its default schema) instead of an embedded one.")
    String jdbcUrl;

    @Option(names = "--reorg-threshold", paramLabel = "N",
            description = "Deepest reorg, in blocks, that is rolled back; a deeper one stops the replay (default: 200).")
    Integer reorgThreshold;

    @Option(names = "--indexer", paramLabel = "CLASS",
            description = "Fully qualified Indexer class to run (default: the one found in --indexer-jar, or on the class path: ERC20).")
    String indexer;

    @Option(names = "--indexer-jar", paramLabel = "JAR|DIR",
            description = "Load the indexer from this jar, or directory of jars (e.g. a project made by 'tidewater init').")
    Path indexerJar;

    @Option(names = "--keep-running",
            description = "After the summary, keep Kafka and the embedded Postgres up for queries until Ctrl-C (no effect with --jdbc-url).")
    boolean keepRunning;

    ReplayCommand(CommandRunner runner) {
        this.runner = runner;
    }

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(input) || !Files.isReadable(input)) {
            throw new ParameterException(spec.commandLine(), "--input: cannot read file '" + input + "'");
        }
        if (reorgThreshold != null && reorgThreshold < 1) {
            throw new ParameterException(spec.commandLine(), "--reorg-threshold: must be at least 1, got " + reorgThreshold);
        }
        return runner.replay(new ReplayOptions(input, Optional.ofNullable(jdbcUrl),
                reorgThreshold == null ? OptionalInt.empty() : OptionalInt.of(reorgThreshold),
                Optional.ofNullable(indexer), Optional.ofNullable(indexerJar), keepRunning));
    }
}
