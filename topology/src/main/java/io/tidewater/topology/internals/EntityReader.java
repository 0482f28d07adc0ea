package io.tidewater.topology.internals;

import io.tidewater.topology.api.EntityDefinition;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Reads entities back out of a task's entity store, for test harnesses that hold the store
 * (a TopologyTestDriver): not for processing, which goes through the handler context. Not
 * thread-safe, like the codecs it holds.
 */
public final class EntityReader {
    private final KeyValueStore<Bytes, byte[]> entities;
    private final EntityCatalog catalog;

    /** @param entities the store named {@link StoreNames#ENTITIES} */
    public EntityReader(KeyValueStore<Bytes, byte[]> entities, List<EntityDefinition<?>> definitions) {
        this.entities = entities;
        this.catalog = new EntityCatalog(definitions);
    }

    public <T extends SpecificRecord> Optional<T> get(Class<T> type, String id) {
        EntityDefinition<T> def = catalog.of(type);
        byte[] raw = entities.get(Keys.entity(def.name(), id));
        return raw == null ? Optional.empty() : Optional.of(catalog.decode(def, raw));
    }

    /** Every stored entity of a type, by id. */
    public <T extends SpecificRecord> TreeMap<String, T> all(Class<T> type) {
        EntityDefinition<T> def = catalog.of(type);
        TreeMap<String, T> out = new TreeMap<>();
        try (KeyValueIterator<Bytes, byte[]> it = entities.all()) {
            while (it.hasNext()) {
                KeyValue<Bytes, byte[]> kv = it.next();
                if (Keys.entityName(kv.key).equals(def.name())) {
                    out.put(Keys.entityId(kv.key), catalog.decode(def, kv.value));
                }
            }
        }
        return out;
    }
}
