package io.tidewater.app.cli;

import java.util.Map;
import java.util.Optional;

/**
 * The flags of {@code tidewater index}, validated.
 *
 * @param ingest       the ingester's keys ({@link io.tidewater.ingest.IngestConfig}) the flags set; the
 *                     broker and the topic come from the local stack
 * @param jdbcUrl      an external database to write to; empty means embedded Postgres
 * @param indexerClass the Indexer to run; empty means the one found through ServiceLoader (or in the jar)
 * @param indexerJar   a jar to load the indexer from
 * @param follow       whether it follows the head until Ctrl-C (no --to-block)
 * @param filtered     whether the flags choose the logs (--contracts, --topic0); otherwise the indexer's declared events do
 * @param keepRunning  after the summary of a run to --to-block, keep the broker and the embedded database up until Ctrl-C
 */
public record IndexOptions(Map<String, String> ingest, Optional<String> jdbcUrl, Optional<String> indexerClass,
        Optional<java.nio.file.Path> indexerJar, boolean follow, boolean filtered, boolean keepRunning) {
    public IndexOptions {
        ingest = Map.copyOf(ingest);
    }
}
