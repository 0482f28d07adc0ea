package io.tidewater.topology.internals;

import io.tidewater.serdes.AvroCodec;
import io.tidewater.topology.api.EntityDefinition;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/**
 * An indexer's entity types by class and by name, with one codec each. Owned by one task's
 * stream thread, like the codecs it holds.
 */
final class EntityCatalog {
    private final Map<Class<?>, EntityDefinition<?>> byClass = new HashMap<>();
    private final Map<String, EntityDefinition<?>> byName = new LinkedHashMap<>();
    private final Map<String, AvroCodec<?>> codecs = new HashMap<>();

    EntityCatalog(List<EntityDefinition<?>> definitions) {
        for (EntityDefinition<?> def : definitions) {
            if (byName.put(def.name(), def) != null) {
                throw new IllegalArgumentException("two entity types are named " + def.name());
            }
            byClass.put(def.type(), def);
            codecs.put(def.name(), new AvroCodec<>(def.type(), def.schema()));
        }
    }

    @SuppressWarnings("unchecked")
    <T extends SpecificRecord> EntityDefinition<T> of(Class<T> type) {
        EntityDefinition<T> def = (EntityDefinition<T>) byClass.get(type);
        if (def == null) {
            throw new IllegalArgumentException(type.getName() + " is not an entity of this indexer; declare it in entities()");
        }
        return def;
    }

    EntityDefinition<?> named(String name) {
        EntityDefinition<?> def = byName.get(name);
        if (def == null) {
            throw new IllegalStateException("the store holds entity type '" + name + "', which this indexer does not declare");
        }
        return def;
    }

    @SuppressWarnings("unchecked")
    <T extends SpecificRecord> T decode(EntityDefinition<T> def, byte[] bytes) {
        return ((AvroCodec<T>) codecs.get(def.name())).decode(bytes);
    }

    @SuppressWarnings("unchecked")
    <T extends SpecificRecord> byte[] encode(EntityDefinition<T> def, SpecificRecord entity) {
        return ((AvroCodec<T>) codecs.get(def.name())).encode((T) entity);
    }

    SpecificRecord decodeAny(EntityDefinition<?> def, byte[] bytes) {
        return codecs.get(def.name()).decode(bytes);
    }
}
