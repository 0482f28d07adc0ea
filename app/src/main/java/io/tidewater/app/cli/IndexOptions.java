package io.tidewater.app.cli;

import java.util.Map;
import java.util.Optional;

/**
 * The flags of {@code tidewater index}, validated.
 *
 * @param ingest       the ingester's keys ({@link io.tidewater.ingest.IngestConfig}) the flags set; the
 *                     broker and the topic come from the local stack
 * @param jdbcUrl      an external database to write to; empty means embedded Postgres
 * @param indexerClass the Indexer to run; empty means the one found through ServiceLoader
 * @param follow       whether it follows the head until Ctrl-C (no --to-block)
 */
public record IndexOptions(Map<String, String> ingest, Optional<String> jdbcUrl, Optional<String> indexerClass, boolean follow) {
    public IndexOptions {
        ingest = Map.copyOf(ingest);
    }
}
