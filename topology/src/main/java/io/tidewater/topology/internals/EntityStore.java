package io.tidewater.topology.internals;

import io.tidewater.topology.api.EntityDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The full working state: every entity's current encoding, and the secondary index entries
 * derived from it. All writes go through {@link #write}, so an entity and its index entries
 * never disagree, whether a handler or a rollback made the change.
 */
final class EntityStore {
    private static final byte[] PRESENT = new byte[0];

    private final KeyValueStore<Bytes, byte[]> entities;
    private final KeyValueStore<Bytes, byte[]> index;
    private final EntityCatalog catalog;

    EntityStore(KeyValueStore<Bytes, byte[]> entities, KeyValueStore<Bytes, byte[]> index, EntityCatalog catalog) {
        this.entities = entities;
        this.index = index;
        this.catalog = catalog;
    }

    byte[] read(Bytes key) {
        return entities.get(key);
    }

    /** Replaces {@code previous} (what the store holds now) with {@code next}; null means absent. */
    void write(Bytes key, EntityDefinition<?> def, byte[] previous, byte[] next) {
        if (next == null) {
            entities.delete(key);
        } else {
            entities.put(key, next);
        }
        if (def.indexedFields().isEmpty()) {
            return;
        }
        String id = Keys.entityId(key);
        SpecificRecord before = previous == null ? null : catalog.decodeAny(def, previous);
        SpecificRecord after = next == null ? null : catalog.decodeAny(def, next);
        for (String field : def.indexedFields()) {
            String oldValue = indexValue(before, field);
            String newValue = indexValue(after, field);
            if (Objects.equals(oldValue, newValue)) {
                continue;
            }
            if (oldValue != null) {
                index.delete(Keys.indexEntry(Keys.indexPrefix(def.name(), field, oldValue), id));
            }
            if (newValue != null) {
                index.put(Keys.indexEntry(Keys.indexPrefix(def.name(), field, newValue), id), PRESENT);
            }
        }
    }

    /** Ids of stored entities whose indexed {@code field} equals {@code value}, in id order. */
    List<String> idsWhere(EntityDefinition<?> def, String field, Object value) {
        Bytes prefix = Keys.indexPrefix(def.name(), field, String.valueOf(value));
        List<String> ids = new ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> it = index.prefixScan(prefix, new BytesPassThrough())) {
            while (it.hasNext()) {
                KeyValue<Bytes, byte[]> kv = it.next();
                ids.add(Keys.indexedId(prefix, kv.key));
            }
        }
        return ids;
    }

    static String indexValue(SpecificRecord entity, String field) {
        if (entity == null) {
            return null;
        }
        Object v = entity.get(entity.getSchema().getField(field).pos());
        return v == null ? null : v.toString();
    }
}
