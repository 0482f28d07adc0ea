package io.tidewater.app.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tidewater.serdes.ChainKeys;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Feeds JSON lines to the input topic exactly as they are, keyed by their chain id, so that a
 * malformed line reaches the indexer and its dead-letter topic like any producer's would.
 * Remembers the end offset of every partition it wrote to.
 *
 * <p>Not thread-safe: one feeding thread.
 */
final class LineFeeder implements AutoCloseable {
    private final ObjectMapper mapper = new ObjectMapper();
    private final KafkaProducer<String, byte[]> producer;
    private final String topic;
    private final Map<Integer, Long> endOffsets = new HashMap<>();
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private long sent;

    LineFeeder(String bootstrapServers, String topic) {
        Map<String, Object> settings = new HashMap<>();
        settings.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        settings.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        settings.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        this.producer = new KafkaProducer<>(settings, new StringSerializer(), new ByteArraySerializer());
        this.topic = topic;
    }

    void send(String line) {
        producer.send(new ProducerRecord<>(topic, chainKey(line), line.getBytes(StandardCharsets.UTF_8)), (meta, error) -> {
            if (error != null) {
                failure.compareAndSet(null, error);
            } else {
                record(meta);
            }
        });
        sent++;
    }

    /** Waits for every send; the callbacks, and so the end offsets, are complete after it. */
    Map<Integer, Long> flush() {
        producer.flush();
        if (failure.get() != null) {
            throw new IllegalStateException("could not write to " + topic + ": " + failure.get().getMessage(), failure.get());
        }
        synchronized (endOffsets) {
            return Map.copyOf(endOffsets);
        }
    }

    long sent() {
        return sent;
    }

    private void record(RecordMetadata meta) {
        synchronized (endOffsets) {
            endOffsets.merge(meta.partition(), meta.offset() + 1, Math::max);
        }
    }

    private String chainKey(String line) {
        try {
            JsonNode node = mapper.readTree(line);
            JsonNode chain = node == null ? null : node.get("chainId");
            return chain != null && chain.isIntegralNumber() && chain.canConvertToLong() ? ChainKeys.key(chain.longValue()) : null;
        } catch (Exception e) {
            return null;
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
