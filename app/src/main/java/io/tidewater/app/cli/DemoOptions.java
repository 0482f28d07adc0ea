package io.tidewater.app.cli;

import java.nio.file.Path;
import java.util.Optional;

/**
 * @param keepRunning after the summary, keep brokers, database and HTTP up until Ctrl-C
 * @param indexerJar  run the indexer in this jar (or directory of jars) on the synthetic ERC20 chain; empty: ERC20's
 */
public record DemoOptions(boolean keepRunning, Optional<Path> indexerJar) {
}
