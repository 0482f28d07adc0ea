package io.tidewater.topology.internals;

import static io.tidewater.topology.internals.MemoryStores.bytes;
import static io.tidewater.topology.internals.MemoryStores.key;
import static io.tidewater.topology.internals.MemoryStores.string;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

/**
 * The staging store inside Kafka Streams' own task, as the topology builds it (record cache and
 * changelog on): what reaches the changelog at a commit, under each processing guarantee.
 */
class StagingStoreTest {
    private static final String STORE = "staged";
    private static final String CHANGELOG = "staging-store-test-" + STORE + "-changelog";

    /** What each run saw: the changelog's records, as key=value, and observations made inside the task. */
    private record Seen(List<String> changelog, List<String> inside) {
    }

    /** One record's work; {@code inside} takes what the test observes within the task. */
    private interface Step {
        void run(StagingStore store, int record, List<String> inside);
    }

    /** Runs {@code step} once per input record; the driver commits after each. */
    private static Seen run(String guarantee, int records, Step step) {
        List<String> inside = new ArrayList<>();
        Topology topology = new Topology();
        topology.addSource("in", Serdes.Integer().deserializer(), Serdes.Integer().deserializer(), "steps");
        topology.addProcessor("step", () -> new Processor<Integer, Integer, Void, Void>() {
            private StagingStore store;

            @Override
            public void init(ProcessorContext<Void, Void> context) {
                store = StagingStore.of(context.getStateStore(STORE));
            }

            @Override
            public void process(Record<Integer, Integer> record) {
                step.run(store, record.value(), inside);
            }
        }, "in");
        topology.addStateStore(new StagingStoreBuilder(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(STORE),
                Serdes.Bytes(), Serdes.ByteArray())).withCachingEnabled().withLoggingEnabled(Map.of()), "step");
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "staging-store-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, guarantee);
        List<String> changelog = new ArrayList<>();
        try (TopologyTestDriver driver = new TopologyTestDriver(topology, props)) {
            var in = driver.createInputTopic("steps", Serdes.Integer().serializer(), Serdes.Integer().serializer());
            var out = driver.createOutputTopic(CHANGELOG, Serdes.Bytes().deserializer(), Serdes.ByteArray().deserializer());
            for (int i = 0; i < records; i++) {
                in.pipeInput(i, i);
                out.readKeyValuesToList().forEach(kv -> changelog.add(id(kv.key) + "=" + string(kv.value)));
            }
        }
        return new Seen(changelog, inside);
    }

    private static String id(Bytes key) {
        return string(key.get()).substring(string(key("").get()).length());
    }

    /** Stages five values of one key per record, as the undo log does for a block's logs. */
    private static void stageFive(StagingStore store, int record, List<String> inside) {
        for (int i = 0; i < 5; i++) {
            String value = record + "." + i;
            store.stage(key("a"), () -> bytes(value));
        }
        inside.add(string(store.wrapped().get(key("a"))));
    }

    @Test
    void underExactlyOnceAStagedKeyReachesTheChangelogOncePerCommitWithItsLastValue() {
        Seen seen = run(StreamsConfig.EXACTLY_ONCE_V2, 3, StagingStoreTest::stageFive);

        assertThat(seen.changelog()).containsExactly("a=0.4", "a=1.4", "a=2.4");
        assertThat(seen.inside()).as("between commits the store inside holds the last commit's value").containsExactly(null, "0.4", "1.4");
    }

    @Test
    void underAtLeastOnceAStagedPutIsWrittenAtOnce() {
        Seen seen = run(StreamsConfig.AT_LEAST_ONCE, 2, StagingStoreTest::stageFive);

        assertThat(seen.inside()).containsExactly("0.4", "1.4");
    }

    @Test
    void aGetSeesStagedWritesAndADeleteIsStagedLikeAPut() {
        Seen seen = run(StreamsConfig.EXACTLY_ONCE_V2, 1, (store, record, inside) -> {
            store.stage(key("a"), () -> bytes("staged"));
            store.put(key("b"), bytes("put"));
            inside.add(string(store.get(key("a"))));
            inside.add(string(store.get(key("b"))));
            inside.add(string(store.delete(key("b"))));
            inside.add(string(store.get(key("b"))));
            inside.add(string(store.wrapped().get(key("a"))));
        });

        assertThat(seen.inside()).as("a, b, b as deleted, b after, a in the store inside").containsExactly("staged", "put", "put", null, null);
        assertThat(seen.changelog()).containsExactlyInAnyOrder("a=staged", "b=null");
    }

    @Test
    void aScanWritesWhatIsStagedFirst() {
        Seen seen = run(StreamsConfig.EXACTLY_ONCE_V2, 1, (store, record, inside) -> {
            store.put(key("a"), bytes("1"));
            store.put(key("b"), bytes("2"));
            store.delete(key("b"));
            try (var it = store.range(key("a"), key("z"))) {
                it.forEachRemaining(kv -> inside.add(id(kv.key) + "=" + string(kv.value)));
            }
        });

        assertThat(seen.inside()).containsExactly("a=1");
    }

    @Test
    void stagingMoreThanTheBoundWritesWhatIsStaged() {
        MemoryStores stores = new MemoryStores();
        StagingStore store = stores.staged(StoreNames.ENTITIES);
        for (int i = 0; i < StagingStore.MAX_STAGED; i++) {
            store.put(key("k" + i), bytes("v"));
        }
        store.put(key("k0"), bytes("again"));
        assertThat(store.wrapped().approximateNumEntries()).as("a staged key written again takes no room").isZero();

        store.put(key("one more"), bytes("v"));

        assertThat(store.wrapped().approximateNumEntries()).isEqualTo(StagingStore.MAX_STAGED);
        assertThat(string(store.wrapped().get(key("k0")))).isEqualTo("again");
        assertThat(store.wrapped().get(key("one more"))).as("staged anew").isNull();
    }

    @Test
    void clearingTheCacheDropsWhatIsHeld() {
        StagingStore store = new MemoryStores().staged(StoreNames.ENTITIES);
        store.wrapped().put(key("a"), bytes("restored"));
        store.put(key("a"), bytes("held"));

        store.clearCache();

        assertThat(string(store.get(key("a")))).isEqualTo("restored");
        store.flushCache();
        assertThat(string(store.wrapped().get(key("a")))).isEqualTo("restored");
    }
}
