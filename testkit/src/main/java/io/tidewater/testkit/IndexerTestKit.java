package io.tidewater.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tidewater.topology.BoundedMemoryRocksDbConfig;
import io.tidewater.topology.TidewaterConfig;
import io.tidewater.topology.TidewaterTopology;
import io.tidewater.topology.TopologyPorts;
import io.tidewater.topology.api.EntityDefinition;
import io.tidewater.topology.api.FlowControl;
import io.tidewater.topology.api.Indexer;
import io.tidewater.topology.internals.EntityReader;
import io.tidewater.topology.internals.StoreNames;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * Runs an indexer's real topology, stores and rules (duplicates, reorgs, rollbacks, dead
 * letters) on Kafka's TopologyTestDriver, with no broker and no database: feed it a chain,
 * read back its entities, what Postgres would hold, and its dead letters.
 *
 * <pre>{@code
 * try (IndexerTestKit kit = IndexerTestKit.of(new MyIndexer())) {
 *     kit.chain(1).block().log(token, TRANSFER, alice, bob, 100);
 *     kit.flush();
 *     assertThat(kit.entity(Balance.class, "1-" + token + "-" + bob)).isPresent();
 * }
 * }</pre>
 *
 * <p>Everything runs on the calling thread. Not thread-safe.
 */
public final class IndexerTestKit implements AutoCloseable {
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    private final Indexer indexer;
    private final Path stateDir;
    private final TidewaterConfig config;
    private final TopologyTestDriver driver;
    private final TestInputTopic<String, String> input;
    private final TestOutputTopic<String, String> deadLetterTopic;
    private final WrittenTables written = new WrittenTables();
    private final KitStats stats = new KitStats();
    private final EntityReader entities;
    private final Map<Long, ChainBuilder> chains = new LinkedHashMap<>();
    private final List<DeadLetter> deadLetters = new ArrayList<>();
    private final ObjectMapper mapper = new ObjectMapper();

    private IndexerTestKit(Indexer indexer, Map<String, ?> overrides) {
        this.indexer = indexer;
        Map<String, Object> props = new HashMap<>();
        props.put(TidewaterConfig.INPUT_FORMAT_CONFIG, "json");
        props.putAll(overrides);
        this.config = new TidewaterConfig(props);
        try {
            this.stateDir = Files.createTempDirectory("tidewater-testkit");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a state directory", e);
        }
        Properties streams = new Properties();
        streams.put(StreamsConfig.APPLICATION_ID_CONFIG, "tidewater-testkit");
        streams.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        streams.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        streams.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        streams.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedMemoryRocksDbConfig.class);
        streams.put(BoundedMemoryRocksDbConfig.MEMORY_BYTES_CONFIG, 16L * 1024 * 1024);
        // As in production (the 5.0 default, set now); without it every driver warns that it is off.
        streams.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        this.driver = new TopologyTestDriver(TidewaterTopology.build(config, indexer,
                new TopologyPorts(written, FlowControl.NONE, stats)), streams, START);
        this.input = driver.createInputTopic(config.inputTopic(), Serdes.String().serializer(), Serdes.String().serializer(),
                START, Duration.ZERO);
        this.deadLetterTopic = driver.createOutputTopic(config.deadLetterTopic(), Serdes.String().deserializer(),
                Serdes.String().deserializer());
        this.entities = new EntityReader(driver.getKeyValueStore(StoreNames.ENTITIES), indexer.entities());
    }

    /** The indexer with Tidewater's default settings. */
    public static IndexerTestKit of(Indexer indexer) {
        return of(indexer, Map.of());
    }

    /**
     * @param config topology settings, e.g. {@code reorg.threshold}, or {@code input.format=rpc}
     *               to pipe a producer's layout (the chain builder writes Tidewater's JSON)
     * @throws IllegalArgumentException when the indexer declares an invalid signature or ABI
     */
    public static IndexerTestKit of(Indexer indexer, Map<String, ?> config) {
        return new IndexerTestKit(indexer, config);
    }

    /** The builder of one chain's blocks and logs; the same one on every call. */
    public ChainBuilder chain(long chainId) {
        return chains.computeIfAbsent(chainId, id -> new ChainBuilder(id, this::pipe));
    }

    /** Sends one input record as a JSON line, keyed by its chain as producers key them. */
    public IndexerTestKit pipe(String jsonLine) {
        String key = null;
        try {
            JsonNode node = mapper.readTree(jsonLine);
            if (node != null && node.hasNonNull("chainId")) {
                key = node.get("chainId").asText();
            }
        } catch (IOException e) {
            // Not JSON: sent unkeyed, and the indexer dead-letters it as malformed.
        }
        input.pipeInput(key, jsonLine);
        return this;
    }

    /** Lets the batch interval pass twice: every change is cut into a batch and written. */
    public IndexerTestKit flush() {
        driver.advanceWallClockTime(Duration.ofMillis(config.batchIntervalMs()));
        driver.advanceWallClockTime(Duration.ofMillis(config.batchIntervalMs()));
        return this;
    }

    public <T extends SpecificRecord> Optional<T> entity(Class<T> type, String id) {
        return entities.get(type, id);
    }

    /** Every entity of a type in the entity store, by id. */
    public <T extends SpecificRecord> TreeMap<String, T> entities(Class<T> type) {
        return entities.all(type);
    }

    /** The rows of a type as Postgres would hold them after the batches written so far (see {@link #flush()}). */
    public <T extends SpecificRecord> TreeMap<String, T> written(Class<T> type) {
        return written.table(definition(type).name());
    }

    /** Every dead letter so far, oldest first. */
    public List<DeadLetter> deadLetters() {
        for (String value : deadLetterTopic.readValuesToList()) {
            try {
                deadLetters.add(DeadLetter.of(mapper.readTree(value)));
            } catch (IOException e) {
                throw new UncheckedIOException("a dead letter is not JSON: " + value, e);
            }
        }
        return List.copyOf(deadLetters);
    }

    /** Counts of what the indexer did with its input so far. */
    public Stats stats() {
        return stats.snapshot();
    }

    Indexer indexer() {
        return indexer;
    }

    private EntityDefinition<?> definition(Class<?> type) {
        return indexer.entities().stream().filter(d -> d.type().equals(type)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(type.getName() + " is not an entity of " + indexer.name()));
    }

    @Override
    public void close() {
        try {
            driver.close();
        } finally {
            try (Stream<Path> files = Files.walk(stateDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // A leftover temporary directory is not worth failing a test over.
            }
        }
    }
}
