package io.tidewater.app.produce;

import io.tidewater.ingest.emit.KafkaRecordWriter;
import io.tidewater.serdes.ChainKeys;
import io.tidewater.serdes.InputCodec;
import io.tidewater.serdes.InputFormat;
import io.tidewater.serdes.wire.InputRecord;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes input records to the input topic, keyed by chain, with an idempotent producer: a
 * retried send never duplicates or reorders a chain's records. The first failed send is kept
 * and rethrown by {@link #flush()} or {@link #close()}, so nothing is lost silently.
 *
 * <p>Threading: one thread calls {@link #send} and {@link #close}; the producer's I/O thread
 * only records failures.
 */
public final class InputProducer implements AutoCloseable {
    private final KafkaProducer<String, byte[]> producer;
    private final InputCodec codec;
    private final String topic;
    private final Map<Long, Long> perChain = new TreeMap<>();
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private long sent;

    /**
     * @param clientSettings bootstrap servers and any client settings (TLS, SASL); the
     *                       serializers and idempotence are set here and cannot be overridden
     */
    public InputProducer(Map<String, ?> clientSettings, String topic, InputFormat format) {
        Map<String, Object> props = KafkaRecordWriter.producerSettings(clientSettings);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        this.producer = new KafkaProducer<>(props);
        this.codec = new InputCodec(format);
        this.topic = topic;
    }

    /** Fails fast, naming the topic, when it does not exist or the cluster cannot be reached. */
    public int partitions() {
        try {
            return producer.partitionsFor(topic).size();
        } catch (KafkaException e) {
            throw new ProduceException("topic '" + topic + "' is not available: " + e.getMessage(), e);
        }
    }

    public void send(InputRecord record) {
        rethrowFailure();
        long chainId = ChainKeys.chainId(record);
        producer.send(new ProducerRecord<>(topic, ChainKeys.key(chainId), codec.encode(record)), (metadata, e) -> {
            if (e != null) {
                failure.compareAndSet(null, e);
            }
        });
        perChain.merge(chainId, 1L, Long::sum);
        sent++;
    }

    /** Waits until every record sent so far is acknowledged. */
    public void flush() {
        producer.flush();
        rethrowFailure();
    }

    public long sent() {
        return sent;
    }

    /** Records sent per chain id, ascending. */
    public Map<Long, Long> sentPerChain() {
        return Map.copyOf(perChain);
    }

    @Override
    public void close() {
        try {
            producer.close(Duration.ofSeconds(30));
        } finally {
            rethrowFailure();
        }
    }

    private void rethrowFailure() {
        Exception e = failure.get();
        if (e != null) {
            throw new ProduceException("sending to topic '" + topic + "' failed: " + e.getMessage(), e);
        }
    }
}
