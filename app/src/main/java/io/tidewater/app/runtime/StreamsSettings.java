package io.tidewater.app.runtime;

import io.tidewater.app.config.AppConfig;
import io.tidewater.topology.BoundedMemoryRocksDbConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The Kafka Streams client's properties: Tidewater's choices first, then the user's {@code kafka.*}
 * overrides. Public for the benchmarks, which must pay for the same guarantee as production.
 */
public final class StreamsSettings {
    /** What Kafka Streams sets {@code transaction.timeout.ms} to under exactly-once unless told otherwise. */
    static final long STREAMS_EOS_TRANSACTION_TIMEOUT_MS = 10_000;

    private StreamsSettings() {
    }

    public static Properties of(AppConfig app, Map<String, String> kafkaOverrides) {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, app.applicationId());
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, app.bootstrapServers());
        p.put(StreamsConfig.STATE_DIR_CONFIG, app.stateDir().orElseGet(StreamsSettings::temporaryStateDir));
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, app.processingGuarantee());
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, app.numStreamThreads());
        p.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedMemoryRocksDbConfig.class);
        // Only the chains store and the undo log use the record cache (see IndexerProcessorSupplier):
        // a key per chain, and a few open undo entries. The rest of the memory goes to RocksDB.
        p.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 1024 * 1024);
        // A task may wait for the writer while closing; keep the group from evicting it meanwhile.
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG), 300_000);
        // Tidewater dead-letters bad records itself; what reaches Streams' handler is a bug
        // and must stop the client, global state included (the 5.0 default, set now). The
        // partition assignor builds a StreamsConfig of its own from the main consumer's settings,
        // which carry Streams keys only with the main.consumer. prefix: without it, that copy
        // warns that the handler is off for the GlobalThread.
        p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        p.put(StreamsConfig.mainConsumerPrefix(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG), true);
        p.putAll(kafkaOverrides);
        // Under at_least_once a cached chain position would reach the store only at commit, behind
        // the entity and undo writes a crash keeps, so duplicate detection and the undo sequence
        // would rewind. Decided after the overrides, which may set either key.
        if (!StreamsConfig.EXACTLY_ONCE_V2.equals(p.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG))) {
            p.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
        }
        return p;
    }

    /**
     * What an admin client of the same cluster takes from the Streams properties: the common
     * client settings (security included) and {@code admin.}-prefixed overrides, not the other
     * clients' own.
     */
    public static Map<String, Object> admin(Properties streamsProps) {
        Map<String, Object> admin = new HashMap<>();
        streamsProps.forEach((key, v) -> {
            String k = (String) key;
            if (!k.startsWith("consumer.") && !k.startsWith("producer.") && !k.startsWith("main.consumer.")
                    && !k.startsWith("restore.consumer.") && !k.startsWith("global.consumer.")) {
                admin.put(k.startsWith("admin.") ? k.substring("admin.".length()) : k, v);
            }
        });
        admin.keySet().retainAll(AdminClientConfig.configNames());
        return admin;
    }

    /**
     * The transaction timeout of the client's producers: a {@code producer.}-prefixed or plain
     * override, else Kafka Streams' own default under exactly-once (10 s).
     */
    static long transactionTimeoutMs(Properties streamsProps) {
        Object value = streamsProps.get(StreamsConfig.producerPrefix(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG));
        if (value == null) {
            value = streamsProps.get(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG);
        }
        return value == null ? STREAMS_EOS_TRANSACTION_TIMEOUT_MS : Long.parseLong(value.toString().trim());
    }

    private static String temporaryStateDir() {
        try {
            return Files.createTempDirectory("tidewater-state").toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
