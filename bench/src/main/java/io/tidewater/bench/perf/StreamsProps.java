package io.tidewater.bench.perf;

import io.tidewater.topology.BoundedMemoryRocksDbConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Streams settings shared by the pass-through and the indexer runs, so both pay for the same
 * guarantee: Tidewater's own production choices (exactly_once_v2, a small record cache that
 * only the indexer's chains store uses, bounded RocksDB memory), each run under its own
 * application id and state directory.
 */
final class StreamsProps {
    private StreamsProps() {
    }

    static Properties of(String bootstrapServers, String applicationId) {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(StreamsConfig.STATE_DIR_CONFIG, tempDir());
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedMemoryRocksDbConfig.class);
        p.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 1024 * 1024);
        p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG), 300_000);
        return p;
    }

    private static String tempDir() {
        try {
            return Files.createTempDirectory("tidewater-bench-state").toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
