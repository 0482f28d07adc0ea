package io.tidewater.app.cli;

import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The flags of {@code tidewater replay}, validated: the input file exists and is readable, the
 * threshold is positive.
 *
 * @param input          the JSON-lines file to feed to the input topic
 * @param jdbcUrl        an external database to write to; empty means embedded Postgres
 * @param reorgThreshold overrides {@code reorg.threshold}; empty means the topology's default
 * @param indexerClass   the Indexer to run; empty means the one found through ServiceLoader
 * @param indexerJar     a jar or directory of jars to find the indexer in; empty means the class path
 * @param keepRunning    after the summary, keep the broker and the embedded database up until Ctrl-C
 */
public record ReplayOptions(Path input, Optional<String> jdbcUrl, OptionalInt reorgThreshold,
                            Optional<String> indexerClass, Optional<Path> indexerJar, boolean keepRunning) {
}
