package io.tidewater.topology.internals;

import io.tidewater.serdes.wire.LogEvent;
import io.tidewater.topology.api.Block;
import io.tidewater.topology.api.EntityDefinition;
import io.tidewater.topology.api.Event;
import io.tidewater.topology.api.HandlerContext;
import io.tidewater.topology.api.Log;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.utils.Bytes;

/**
 * One log's handler context: reads fall through to the store, writes are buffered as
 * encodings until {@link #changes()} hands them over, so a throwing handler leaves no trace.
 * Encoding on {@code set} also snapshots the entity, so later mutation of the object by the
 * handler cannot leak into the buffer.
 */
final class RecordScope implements HandlerContext {
    /** An entity this log touched: what the store held before it, and what it holds now. */
    static final class Touched {
        final EntityDefinition<?> def;
        final Bytes key;
        final byte[] before;
        byte[] after;
        boolean written;

        Touched(EntityDefinition<?> def, Bytes key, byte[] before) {
            this.def = def;
            this.key = key;
            this.before = before;
            this.after = before;
        }

        boolean changed() {
            return written && !Arrays.equals(before, after);
        }
    }

    private final EntityCatalog catalog;
    private final EntityStore store;
    private final LogEvent log;
    private final Event event;
    private final long timestamp;
    private final Map<Bytes, Touched> touched = new LinkedHashMap<>();

    /** @param timestamp the block's, which a raw log may have left for its block record to give */
    RecordScope(EntityCatalog catalog, EntityStore store, LogEvent log, Event event, long timestamp) {
        this.catalog = catalog;
        this.store = store;
        this.log = log;
        this.event = event;
        this.timestamp = timestamp;
    }

    @Override
    public <T extends SpecificRecord> Optional<T> get(Class<T> type, String id) {
        EntityDefinition<T> def = catalog.of(type);
        byte[] current = touch(def, id).after;
        return current == null ? Optional.empty() : Optional.of(catalog.decode(def, current));
    }

    @Override
    public void set(SpecificRecord entity) {
        @SuppressWarnings("unchecked")
        EntityDefinition<SpecificRecord> def = (EntityDefinition<SpecificRecord>) catalog.of(entity.getClass());
        Touched t = touch(def, def.idOf(entity));
        t.after = catalog.encode(def, entity);
        t.written = true;
    }

    @Override
    public <T extends SpecificRecord> void delete(Class<T> type, String id) {
        Touched t = touch(catalog.of(type), id);
        t.after = null;
        t.written = true;
    }

    @Override
    public <T extends SpecificRecord> List<T> getWhere(Class<T> type, String field, Object value) {
        EntityDefinition<T> def = catalog.of(type);
        if (!def.isIndexed(field)) {
            throw new IllegalArgumentException("getWhere on " + def.name() + "." + field
                    + ": the field is not indexed; declare it in EntityDefinition.of(" + type.getSimpleName() + ".class, \"" + field + "\")");
        }
        String wanted = String.valueOf(value);
        TreeMap<String, T> result = new TreeMap<>();
        for (String id : store.idsWhere(def, field, wanted)) {
            get(type, id).filter(e -> wanted.equals(EntityStore.indexValue(e, field))).ifPresent(e -> result.put(id, e));
        }
        // Entities this log wrote may have entered or left the match since the store was read.
        for (Touched t : touched.values()) {
            if (t.def != def || !t.written) {
                continue;
            }
            String id = Keys.entityId(t.key);
            T current = t.after == null ? null : catalog.decode(def, t.after);
            if (current != null && wanted.equals(EntityStore.indexValue(current, field))) {
                result.put(id, current);
            } else {
                result.remove(id);
            }
        }
        return new ArrayList<>(result.values());
    }

    @Override
    public Event event() {
        return event;
    }

    @Override
    public Block block() {
        return new Block(log.getBlockNumber(), log.getBlockHash(), timestamp);
    }

    @Override
    public Log log() {
        return new Log(log.getLogIndex(), log.getTxHash(), log.getAddress());
    }

    @Override
    public long chainId() {
        return log.getChainId();
    }

    /** The entities whose value this log changed, in the order first touched. */
    List<Touched> changes() {
        List<Touched> out = new ArrayList<>();
        for (Touched t : touched.values()) {
            if (t.changed()) {
                out.add(t);
            }
        }
        return out;
    }

    private Touched touch(EntityDefinition<?> def, String id) {
        Bytes key = Keys.entity(def.name(), id);
        Touched t = touched.get(key);
        if (t == null) {
            t = new Touched(def, key, store.read(key));
            touched.put(key, t);
        }
        return t;
    }
}
