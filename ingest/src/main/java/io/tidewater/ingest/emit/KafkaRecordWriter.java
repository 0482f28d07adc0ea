package io.tidewater.ingest.emit;

import io.tidewater.serdes.ChainKeys;
import io.tidewater.serdes.InputCodec;
import io.tidewater.serdes.InputFormat;
import io.tidewater.serdes.wire.InputRecord;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes to the input topic with an idempotent producer ({@code acks=all}): a retried send never
 * duplicates or reorders a chain's records. The key is the chain id as a decimal string
 * ({@link ChainKeys}). The first failed send is kept and rethrown by the next call, so nothing is
 * lost silently.
 *
 * <p>Threading: one thread sends, flushes and closes; the producer's I/O thread only records
 * acknowledgements and failures.
 */
public final class KafkaRecordWriter implements RecordWriter {
    private final KafkaProducer<String, byte[]> producer;
    private final InputCodec codec;
    private final String topic;
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private final Map<Integer, Long> endOffsets = new ConcurrentHashMap<>();
    private long sent;

    /** @param clientSettings bootstrap servers and client settings (TLS, SASL); idempotence cannot be turned off */
    public KafkaRecordWriter(Map<String, ?> clientSettings, String topic, InputFormat format) {
        this.producer = new KafkaProducer<>(producerSettings(clientSettings), new StringSerializer(), new ByteArraySerializer());
        this.codec = new InputCodec(format);
        this.topic = topic;
    }

    /**
     * What every chain-ingestion producer runs with: batching and compression that the client
     * settings may override, and three settings they may not. Idempotence with {@code acks=all}:
     * a chain's records must never be duplicated or reordered by a retried send. And no delivery
     * timeout: a batch given up while the brokers are away (the default gives up after 2 minutes)
     * can be followed by later batches that do get through once they are back, a gap in the chain
     * that a restart cannot see. So the producer retries until the brokers return, as Kafka
     * Streams' own producer does under exactly-once, and the ingester waits in its flush.
     */
    public static Map<String, Object> producerSettings(Map<String, ?> clientSettings) {
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.LINGER_MS_CONFIG, 10);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        props.putAll(clientSettings);
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Integer.MAX_VALUE);
        return props;
    }

    /** Fails fast, naming the topic, when it does not exist or the cluster cannot be reached. */
    public int partitions() {
        try {
            return producer.partitionsFor(topic).size();
        } catch (KafkaException e) {
            throw new IllegalStateException("topic '" + topic + "' is not available: " + e.getMessage(), e);
        }
    }

    @Override
    public void send(InputRecord record) {
        rethrowFailure();
        producer.send(new ProducerRecord<>(topic, ChainKeys.key(record), codec.encode(record)), (meta, e) -> {
            if (e != null) {
                failure.compareAndSet(null, e);
            } else {
                endOffsets.merge(meta.partition(), meta.offset() + 1, Math::max);
            }
        });
        sent++;
    }

    @Override
    public void flush() {
        producer.flush();
        rethrowFailure();
    }

    @Override
    public long sent() {
        return sent;
    }

    @Override
    public Map<Integer, Long> endOffsets() {
        return Map.copyOf(endOffsets);
    }

    /**
     * Waits up to 30 s for what was sent, unless a send failed: then nothing queued after the
     * failure is delivered, so the topic ends with a prefix of what was sent, which a restart
     * resumes from without a gap.
     */
    @Override
    public void close() {
        try {
            producer.close(failure.get() == null ? Duration.ofSeconds(30) : Duration.ZERO);
        } finally {
            rethrowFailure();
        }
    }

    private void rethrowFailure() {
        Exception e = failure.get();
        if (e != null) {
            throw new IllegalStateException("sending to topic '" + topic + "' failed: " + e.getMessage(), e);
        }
    }
}
