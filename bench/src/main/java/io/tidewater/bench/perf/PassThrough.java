package io.tidewater.bench.perf;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * (c) The limit for processing: a bare Kafka Streams app that reads the same input topic and
 * does one get and one put per record on a changelogged RocksDB store, under the same settings
 * as the indexer. Keys spread over {@value #KEYS} entities, so they recur rarely, as in ERC20.
 */
final class PassThrough {
    static final int KEYS = 100_000;
    private static final String STORE = "bench-passthrough";

    private PassThrough() {
    }

    /** Records/s from the first record to the last; {@code records} is how many the topic holds. */
    static double recordsPerSecond(BenchStack stack, String topic, long records, String appId) throws Exception {
        AtomicLong first = new AtomicLong();
        AtomicLong last = new AtomicLong();
        CountDownLatch done = new CountDownLatch(1);
        Topology topology = new Topology();
        topology.addSource("in", Serdes.String().deserializer(), Serdes.ByteArray().deserializer(), topic);
        topology.addProcessor("getput", new Supplier(records, first, last, done), "in");
        try (KafkaStreams streams = new KafkaStreams(topology, StreamsProps.of(stack.bootstrapServers(), appId))) {
            streams.start();
            if (!done.await(30, TimeUnit.MINUTES)) {
                throw new IllegalStateException("pass-through did not finish");
            }
            streams.close(Duration.ofSeconds(30));
            streams.cleanUp();
        }
        return (records - 1) / ((last.get() - first.get()) / 1e9);
    }

    private record Supplier(long records, AtomicLong first, AtomicLong last, CountDownLatch done)
            implements ProcessorSupplier<String, byte[], Void, Void> {
        @Override
        public Processor<String, byte[], Void, Void> get() {
            return new GetPut(records, first, last, done);
        }

        @Override
        public java.util.Set<StoreBuilder<?>> stores() {
            return java.util.Set.of(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE), Serdes.Bytes(),
                    Serdes.ByteArray()).withCachingDisabled().withLoggingEnabled(java.util.Map.of()));
        }
    }

    private static final class GetPut extends ContextualProcessor<String, byte[], Void, Void> {
        private final long records;
        private final AtomicLong first;
        private final AtomicLong last;
        private final CountDownLatch done;
        private long seen;

        GetPut(long records, AtomicLong first, AtomicLong last, CountDownLatch done) {
            this.records = records;
            this.first = first;
            this.last = last;
            this.done = done;
        }

        @Override
        public void process(Record<String, byte[]> record) {
            if (seen++ == 0) {
                first.set(System.nanoTime());
            }
            KeyValueStore<Bytes, byte[]> store = context().getStateStore(STORE);
            long offset = context().recordMetadata().orElseThrow().offset();
            Bytes key = Bytes.wrap(ByteBuffer.allocate(8).putLong(offset * 2_654_435_761L % KEYS).array());
            store.get(key);
            // The read is part of the measured cost even though an entity update would merge into it.
            store.put(key, record.value());
            if (seen == records) {
                last.set(System.nanoTime());
                done.countDown();
            }
        }
    }
}
