package io.tidewater.topology.internals;

import static io.tidewater.topology.internals.MemoryStores.key;
import static io.tidewater.topology.internals.MemoryStores.priors;
import static io.tidewater.topology.internals.MemoryStores.string;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

/**
 * The undo log over a store with the record cache, as the topology builds it. Kafka Streams
 * 4.3.1 merges the cache and the store wrongly in reverse scans: KAFKA-18326 fixed tombstone
 * handling for forward order only, and in reverse the comparison that decides whether a cache
 * tombstone still shadows a store key is the wrong way round. A reverse scan then yields a key
 * deleted in the cache with a null value (pinned below), or, when a larger key of the store has
 * been evicted from the cache, drops the tombstone and yields the deleted key's flushed value
 * (seen with a cache of one entry; {@link UndoLog#rollback} says why that cannot mislead it).
 */
class CachedUndoScanTest {
    private static final String STORE = "undo";

    /** Runs one step per input record; the driver commits, and so flushes the cache, after each. */
    private static void run(List<Consumer<KeyValueStore<Bytes, byte[]>>> steps) {
        Topology topology = new Topology();
        topology.addSource("in", Serdes.Integer().deserializer(), Serdes.Integer().deserializer(), "steps");
        topology.addProcessor("step", () -> new Processor<Integer, Integer, Void, Void>() {
            private KeyValueStore<Bytes, byte[]> store;

            @Override
            public void init(ProcessorContext<Void, Void> context) {
                store = context.getStateStore(STORE);
            }

            @Override
            public void process(Record<Integer, Integer> record) {
                steps.get(record.value()).accept(store);
            }
        }, "in");
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(STORE), Serdes.Bytes(),
                Serdes.ByteArray()).withCachingEnabled().withLoggingDisabled(), "step");
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "cached-undo-scan");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        try (TopologyTestDriver driver = new TopologyTestDriver(topology, props)) {
            var in = driver.createInputTopic("steps", Serdes.Integer().serializer(), Serdes.Integer().serializer());
            for (int i = 0; i < steps.size(); i++) {
                in.pipeInput(i, i);
            }
        }
    }

    /**
     * Pins the Kafka defect the undo log works around. When this fails, Kafka has fixed reverse
     * scans, and {@link UndoLog#rollback} can trust the values its reverse scan yields again.
     */
    @Test
    void kafkasCachedReverseScanYieldsAKeyDeletedInTheCacheWithANullValue() {
        List<KeyValue<Bytes, byte[]>> scanned = new ArrayList<>();
        run(List.of(
                store -> {
                    store.put(key("a"), new byte[] {1});
                    store.put(key("b"), new byte[] {2});
                },
                store -> {
                    store.put(key("c"), new byte[] {3});
                    store.delete(key("c"));
                    try (KeyValueIterator<Bytes, byte[]> it = store.reverseAll()) {
                        it.forEachRemaining(scanned::add);
                    }
                }));

        assertThat(scanned).extracting(kv -> kv.key).containsExactly(key("c"), key("b"), key("a"));
        assertThat(scanned.get(0).value).as("the deleted key comes back, valueless").isNull();
    }

    /**
     * The production failure: a rollback, then a new block, then a second rollback within one
     * commit. The first rollback's deletion is still a cache tombstone when the second scans.
     */
    @Test
    void aSecondRollbackInOneCommitUndoesOnlyTheEntriesStillThere() {
        Map<Bytes, String> restored = new LinkedHashMap<>();
        int[] undone = new int[1];
        run(List.of(
                store -> {
                    UndoLog undo = new UndoLog(new StagingStore(store));
                    undo.append(1, 0, 5, 0, 10, priors("a", "a0"));
                    undo.append(1, 1, 6, 0, 11, priors("a", "a1"));
                },
                store -> {
                    UndoLog undo = new UndoLog(new StagingStore(store));
                    undo.append(1, 2, 7, 0, 12, priors("a", "a2", "b", "b0"));
                    undo.rollback(1, 6, (k, previous) -> { });
                    undo.append(1, 3, 7, 0, 13, priors("a", "a2", "c", "c0"));
                    undone[0] = undo.rollback(1, 5, (k, previous) -> restored.put(k, string(previous)));
                }));

        assertThat(restored).as("b's change was undone by the first rollback, and is not undone again")
                .containsOnly(Map.entry(key("a"), "a1"), Map.entry(key("c"), "c0"));
        assertThat(undone[0]).isEqualTo(3);
    }
}
