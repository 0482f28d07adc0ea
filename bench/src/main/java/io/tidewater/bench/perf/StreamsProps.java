package io.tidewater.bench.perf;

import io.tidewater.app.config.AppConfig;
import io.tidewater.app.runtime.StreamsSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Streams settings shared by the pass-through and the indexer runs, so both pay for the same
 * guarantee: {@code tidewater run}'s own, with its defaults (exactly_once_v2, a small record
 * cache that only the indexer's chains store uses, bounded RocksDB memory), each run under its
 * own application id and state directory, on a one-broker cluster read from the start, with
 * what {@code --streams} overrides on top.
 */
final class StreamsProps {
    /**
     * The system property holding {@code bench --streams} overrides ({@code key=value}, separated
     * by newlines): a property, so that the memory worker's JVM gets them too.
     */
    static final String OVERRIDES_PROPERTY = "tidewater.bench.streams";

    private StreamsProps() {
    }

    static Properties of(String bootstrapServers, String applicationId) {
        AppConfig app = new AppConfig(Map.of(AppConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AppConfig.APPLICATION_ID_CONFIG, applicationId, AppConfig.STATE_DIR_CONFIG, tempDir()));
        Map<String, String> overrides = new LinkedHashMap<>(Map.of(StreamsConfig.REPLICATION_FACTOR_CONFIG, "1",
                StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest"));
        overrides.putAll(overrides());
        return StreamsSettings.of(app, overrides);
    }

    /** The {@code --streams} overrides of this run, in the order given. */
    static Map<String, String> overrides() {
        Map<String, String> out = new LinkedHashMap<>();
        String all = System.getProperty(OVERRIDES_PROPERTY, "");
        for (String line : all.split("\n")) {
            if (!line.isEmpty()) {
                out.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
            }
        }
        return out;
    }

    /** Adds one {@code --streams KEY=VALUE}; fails on a value without {@code =}. */
    static void addOverride(String keyValue) {
        int eq = keyValue.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException("--streams wants KEY=VALUE, got '" + keyValue + "'");
        }
        String all = System.getProperty(OVERRIDES_PROPERTY, "");
        System.setProperty(OVERRIDES_PROPERTY, all.isEmpty() ? keyValue : all + "\n" + keyValue);
    }

    private static String tempDir() {
        try {
            return Files.createTempDirectory("tidewater-bench-state").toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
