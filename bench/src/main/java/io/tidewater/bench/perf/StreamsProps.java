package io.tidewater.bench.perf;

import io.tidewater.app.config.AppConfig;
import io.tidewater.app.runtime.StreamsSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Streams settings shared by the pass-through and the indexer runs, so both pay for the same
 * guarantee: {@code tidewater run}'s own, with its defaults (exactly_once_v2, a small record
 * cache that only the indexer's chains store uses, bounded RocksDB memory), each run under its
 * own application id and state directory, on a one-broker cluster read from the start.
 */
final class StreamsProps {
    private StreamsProps() {
    }

    static Properties of(String bootstrapServers, String applicationId) {
        AppConfig app = new AppConfig(Map.of(AppConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AppConfig.APPLICATION_ID_CONFIG, applicationId, AppConfig.STATE_DIR_CONFIG, tempDir()));
        return StreamsSettings.of(app, Map.of(StreamsConfig.REPLICATION_FACTOR_CONFIG, "1",
                StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest"));
    }

    private static String tempDir() {
        try {
            return Files.createTempDirectory("tidewater-bench-state").toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
