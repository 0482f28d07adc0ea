package io.tidewater.bench.perf;

import io.tidewater.serdes.InputCodec;
import io.tidewater.serdes.InputFormat;
import io.tidewater.serdes.JsonLines;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes input lines to a topic keyed by chain id, as a chain-ingestion producer would: in the
 * production wire format, binary Avro {@code InputRecord}s. The workloads are generated as JSON
 * lines, which are converted here as they are sent: for the throughput figures before the
 * measurement starts, for the rollback figure inside it (a single reorg record, a negligible
 * share). Not thread-safe: one feeding thread.
 */
final class TopicFeeder implements AutoCloseable {
    private final KafkaProducer<String, byte[]> producer;
    private final String topic;
    private final InputCodec avro = new InputCodec(InputFormat.AVRO);
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private long sent;

    TopicFeeder(String bootstrapServers, String topic) {
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4"), new StringSerializer(), new ByteArraySerializer());
        this.topic = topic;
    }

    /** Sends every line and waits for all; returns how many were sent. */
    long sendAll(Iterator<String> lines) {
        while (lines.hasNext()) {
            send(lines.next());
        }
        flush();
        return sent;
    }

    void send(String line) {
        producer.send(new ProducerRecord<>(topic, chainKey(line), avro(line)), (m, e) -> {
            if (e != null) {
                failure.compareAndSet(null, e);
            }
        });
        sent++;
    }

    /** Sends one line and waits for its offset: how a latency measurement learns where its record landed. */
    RecordMetadata sendAndWait(String line) throws Exception {
        sent++;
        return producer.send(new ProducerRecord<>(topic, chainKey(line), avro(line))).get();
    }

    private byte[] avro(String line) {
        return avro.encode(JsonLines.parse(line));
    }

    void flush() {
        producer.flush();
        if (failure.get() != null) {
            throw new IllegalStateException("could not write to " + topic + ": " + failure.get().getMessage(), failure.get());
        }
    }

    long sent() {
        return sent;
    }

    /** The key the ingestion contract asks for, cut from the line rather than parsed: lines here are well-formed. */
    static String chainKey(String line) {
        int at = line.indexOf("\"chainId\":") + "\"chainId\":".length();
        int end = at;
        while (end < line.length() && Character.isDigit(line.charAt(end))) {
            end++;
        }
        return line.substring(at, end);
    }

    @Override
    public void close() {
        producer.close();
    }
}
