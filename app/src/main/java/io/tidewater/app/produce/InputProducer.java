package io.tidewater.app.produce;

import io.tidewater.ingest.emit.KafkaRecordWriter;
import io.tidewater.serdes.ChainKeys;
import io.tidewater.serdes.InputFormat;
import io.tidewater.serdes.wire.InputRecord;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * What {@code tidewater produce} sends through: the ingester's idempotent writer, keyed by chain,
 * plus a count per chain for the summary. A failed send surfaces as a {@link ProduceException}
 * from the next call, {@link #flush()} or {@link #close()}, so nothing is lost silently.
 *
 * <p>Threading: one thread calls everything; the producer's I/O thread only records failures.
 */
public final class InputProducer implements AutoCloseable {
    private final KafkaRecordWriter writer;
    private final Map<Long, Long> perChain = new TreeMap<>();

    /**
     * @param clientSettings bootstrap servers and any client settings (TLS, SASL); idempotence
     *                       is set by the writer and cannot be overridden
     */
    public InputProducer(Map<String, ?> clientSettings, String topic, InputFormat format) {
        this.writer = new KafkaRecordWriter(clientSettings, topic, format);
    }

    /** Fails fast, naming the topic, when it does not exist or the cluster cannot be reached. */
    public int partitions() {
        return reported(writer::partitions);
    }

    public void send(InputRecord record) {
        reported(() -> {
            writer.send(record);
            return null;
        });
        perChain.merge(ChainKeys.chainId(record), 1L, Long::sum);
    }

    /** Waits until every record sent so far is acknowledged. */
    public void flush() {
        reported(() -> {
            writer.flush();
            return null;
        });
    }

    public long sent() {
        return writer.sent();
    }

    /** Records sent per chain id, ascending. */
    public Map<Long, Long> sentPerChain() {
        return Map.copyOf(perChain);
    }

    @Override
    public void close() {
        reported(() -> {
            writer.close();
            return null;
        });
    }

    private static <T> T reported(Supplier<T> call) {
        try {
            return call.get();
        } catch (IllegalStateException e) {
            throw new ProduceException(e.getMessage(), e);
        }
    }
}
