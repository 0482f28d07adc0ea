package io.tidewater.topology.internals;

import io.tidewater.topology.TidewaterConfig;
import io.tidewater.topology.TopologyPorts;
import io.tidewater.topology.api.EntityDefinition;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/** Declares the indexer's stores and makes one processor per task. */
public final class IndexerProcessorSupplier implements ProcessorSupplier<String, byte[], String, byte[]> {
    private static final Set<String> CACHED = Set.of(StoreNames.CHAINS, StoreNames.UNDO);
    /**
     * Stores whose writes {@link StagingStore} holds back until the commit: their keys are rewritten
     * between commits (a hot entity, the open undo entry, a chain's position), and none is scanned
     * per record. The index is scanned by every {@code getWhere}.
     */
    private static final Set<String> STAGED = Set.of(StoreNames.ENTITIES, StoreNames.CHAINS, StoreNames.UNDO);

    private final TidewaterConfig config;
    private final TopologyPorts ports;
    private final Handlers handlers;
    private final List<EntityDefinition<?>> entities;

    public IndexerProcessorSupplier(TidewaterConfig config, TopologyPorts ports, Handlers handlers,
            List<EntityDefinition<?>> entities) {
        this.config = config;
        this.ports = ports;
        this.handlers = handlers;
        this.entities = List.copyOf(entities);
    }

    @Override
    public Processor<String, byte[], String, byte[]> get() {
        return new IndexerProcessor(config, ports, handlers, entities);
    }

    @Override
    public Set<StoreBuilder<?>> stores() {
        // All persistent: RocksDB bounds memory, and local state survives a restart without a
        // full changelog restore. The record cache only on the chains store and the undo log,
        // whose keys recur within a commit; since they are staged it collapses little more (a
        // rollback's or a prune's deletes), and it was not measured without. On the entity store
        // it cost a third of d: Kafka's one cache budget per thread filled with write-once
        // entities and evicted the undo log's entry on every log (BENCHMARKS.md, run 7).
        Set<StoreBuilder<?>> stores = new LinkedHashSet<>();
        for (String name : List.of(StoreNames.ENTITIES, StoreNames.INDEX, StoreNames.UNDO, StoreNames.DIRTY,
                StoreNames.CHAINS, StoreNames.HASHES)) {
            StoreBuilder<KeyValueStore<Bytes, byte[]>> store = STAGED.contains(name) ? new StagingStoreBuilder(store(name)) : store(name);
            stores.add(CACHED.contains(name) ? store.withCachingEnabled() : store.withCachingDisabled());
        }
        return stores;
    }

    private static StoreBuilder<KeyValueStore<Bytes, byte[]>> store(String name) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.Bytes(), Serdes.ByteArray())
                .withLoggingEnabled(java.util.Map.of());
    }
}
