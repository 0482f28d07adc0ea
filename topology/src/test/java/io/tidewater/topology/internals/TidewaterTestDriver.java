package io.tidewater.topology.internals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tidewater.serdes.AvroCodec;
import io.tidewater.serdes.store.ChainState;
import io.tidewater.topology.BoundedMemoryRocksDbConfig;
import io.tidewater.topology.TidewaterConfig;
import io.tidewater.topology.TidewaterTopology;
import io.tidewater.topology.TopologyPorts;
import io.tidewater.topology.api.BatchSink;
import io.tidewater.topology.api.EntityDefinition;
import io.tidewater.topology.api.Indexer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A TopologyTestDriver around the real topology, built from the real config, with a fixed
 * start instant and wall-clock punctuation fired by hand. It reads the stores back so tests
 * can assert entity values, the dirty set and chain positions.
 */
public final class TidewaterTestDriver implements AutoCloseable {
    public static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    private final TopologyTestDriver driver;
    private final TidewaterConfig config;
    private final EntityCatalog catalog;
    private final EntityReader entities;
    private final TestInputTopic<String, String> input;
    private final TestOutputTopic<String, String> deadLetters;
    private final ObjectMapper mapper = new ObjectMapper();

    public TidewaterTestDriver(Indexer indexer, BatchSink sink, Path stateDir, Map<String, ?> overrides) {
        this(indexer, TopologyPorts.of(sink), stateDir, overrides);
    }

    public TidewaterTestDriver(Indexer indexer, TopologyPorts ports, Path stateDir, Map<String, ?> overrides) {
        Map<String, Object> props = new HashMap<>();
        props.put(TidewaterConfig.INPUT_FORMAT_CONFIG, "json");
        props.putAll(overrides);
        Object guarantee = props.remove(StreamsConfig.PROCESSING_GUARANTEE_CONFIG);
        this.config = new TidewaterConfig(props);
        this.catalog = new EntityCatalog(indexer.entities());
        Properties streams = new Properties();
        streams.put(StreamsConfig.APPLICATION_ID_CONFIG, "tidewater-test");
        streams.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        streams.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        streams.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedMemoryRocksDbConfig.class);
        streams.put(BoundedMemoryRocksDbConfig.MEMORY_BYTES_CONFIG, 32L * 1024 * 1024);
        streams.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, guarantee == null ? StreamsConfig.EXACTLY_ONCE_V2 : guarantee);
        driver = new TopologyTestDriver(TidewaterTopology.build(config, indexer, ports), streams, START);
        entities = new EntityReader(store(StoreNames.ENTITIES), indexer.entities());
        input = driver.createInputTopic(config.inputTopic(), Serdes.String().serializer(), Serdes.String().serializer(),
                START, Duration.ZERO);
        deadLetters = driver.createOutputTopic(config.deadLetterTopic(), Serdes.String().deserializer(),
                Serdes.String().deserializer());
    }

    public TidewaterTestDriver(Indexer indexer, BatchSink sink, Path stateDir) {
        this(indexer, sink, stateDir, Map.of());
    }

    /** Pipes one JSON line, keyed by its chain id as a producer would. */
    public void pipe(String jsonLine) {
        JsonNode node;
        try {
            node = mapper.readTree(jsonLine);
        } catch (IOException e) {
            node = null;
        }
        String key = node != null && node.has("chainId") ? node.get("chainId").asText() : null;
        input.pipeInput(key, jsonLine);
    }

    public void pipe(String key, String value) {
        input.pipeInput(key, value);
    }

    public void pipeAll(List<String> lines) {
        lines.forEach(this::pipe);
    }

    /** Fires the batch punctuator. */
    public void tick() {
        driver.advanceWallClockTime(Duration.ofMillis(config.batchIntervalMs()));
    }

    public <T extends SpecificRecord> Optional<T> entity(Class<T> type, String id) {
        return entities.get(type, id);
    }

    /** Every stored entity of a type, by id. */
    public <T extends SpecificRecord> TreeMap<String, T> entities(Class<T> type) {
        return entities.all(type);
    }

    /**
     * Dirty entities as {@code Entity/id}, as a restart would recover them from the stores:
     * what the stores make durable, not the processor's memory.
     */
    public TreeSet<String> dirty() {
        long written = new ChainStates(StagingStore.of(store(StoreNames.CHAINS))).load().writtenOffset();
        DirtySet recovered = new DirtySet(store(StoreNames.DIRTY), new UndoLog(StagingStore.of(store(StoreNames.UNDO))), written);
        TreeSet<String> out = new TreeSet<>();
        recovered.keys().forEach(key -> out.add(Keys.entityName(key) + "/" + Keys.entityId(key)));
        return out;
    }

    public Optional<ChainState> chain(long chainId) {
        byte[] raw = store(StoreNames.CHAINS).get(Keys.chain(chainId));
        return raw == null ? Optional.empty() : Optional.of(new AvroCodec<>(ChainState.class).decode(raw));
    }

    public int undoEntries(long chainId) {
        int n = 0;
        try (KeyValueIterator<Bytes, byte[]> it = store(StoreNames.UNDO).range(Keys.chainAnd(chainId, 0), Keys.chainAnd(chainId, Long.MAX_VALUE))) {
            while (it.hasNext()) {
                it.next();
                n++;
            }
        }
        return n;
    }

    /** The ids an index entry points at for {@code entity.field = value}. */
    public List<String> indexed(Class<? extends SpecificRecord> type, String field, Object value) {
        EntityDefinition<?> def = catalog.of(type);
        Bytes prefix = Keys.indexPrefix(def.name(), field, String.valueOf(value));
        List<String> ids = new ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> it = store(StoreNames.INDEX).prefixScan(prefix, new BytesPassThrough())) {
            it.forEachRemaining(kv -> ids.add(Keys.indexedId(prefix, kv.key)));
        }
        return ids;
    }

    /** Dead letters produced since the last call, as parsed JSON. */
    public List<JsonNode> deadLetters() {
        List<JsonNode> out = new ArrayList<>();
        for (String v : deadLetters.readValuesToList()) {
            try {
                out.add(mapper.readTree(v.getBytes(StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    /** Flushes every store to disk, so a copy of the state directory holds the state. */
    public void flushStores() {
        for (String name : List.of(StoreNames.ENTITIES, StoreNames.INDEX, StoreNames.UNDO, StoreNames.DIRTY,
                StoreNames.CHAINS, StoreNames.HASHES)) {
            store(name).flush();
        }
    }

    public TopologyTestDriver raw() {
        return driver;
    }

    private KeyValueStore<Bytes, byte[]> store(String name) {
        return driver.getKeyValueStore(name);
    }

    @Override
    public void close() {
        driver.close();
    }
}
