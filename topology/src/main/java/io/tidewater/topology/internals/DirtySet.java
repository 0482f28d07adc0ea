package io.tidewater.topology.internals;

import io.tidewater.serdes.AvroCodec;
import io.tidewater.serdes.store.DirtyMark;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The outbox: every entity changed and not yet written, with the input offset of its last
 * change, held in memory (bounded by the capacity target) for the exact count and the cut.
 *
 * <p>It survives a crash without a store write per change. A handler's change is already in
 * the undo log, which keeps every entry the sink has not written ({@link UndoLog#prune}), so
 * the entries beyond the written offset name the dirty entities. Only a rollback's
 * restorations need a mark of their own in the changelogged store, because a rollback deletes
 * the undo entries it reverts. Recovering more than is dirty is harmless: a rewrite of an
 * already written state is skipped or idempotent. Recovering less would lose a change, so the
 * written offset is only ever stored after the sink confirmed it.
 *
 * <p>It also knows which dirty entities were absent at the last written state, so that the sink
 * can insert their rows without conflict handling: an entity that is not dirty holds what was
 * last written for it, so one first changed from nothing has no row. Only known in memory, and
 * only until the entity is written or restored by a rollback; otherwise it counts as having a
 * row, which costs an upsert and is always right.
 */
final class DirtySet {
    private final KeyValueStore<Bytes, byte[]> restoredMarks;
    private final AvroCodec<DirtyMark> codec = new AvroCodec<>(DirtyMark.class);
    private final Map<Bytes, Long> offsets = new HashMap<>();
    private final Set<Bytes> marked = new HashSet<>();
    private final Set<Bytes> created = new HashSet<>();

    /** Recovers the set from the rollback marks and the undo entries beyond {@code writtenOffset}. */
    DirtySet(KeyValueStore<Bytes, byte[]> restoredMarks, UndoLog undo, long writtenOffset) {
        this.restoredMarks = restoredMarks;
        try (KeyValueIterator<Bytes, byte[]> it = restoredMarks.all()) {
            while (it.hasNext()) {
                KeyValue<Bytes, byte[]> kv = it.next();
                offsets.put(kv.key, codec.decode(kv.value).getOffset());
                marked.add(kv.key);
            }
        }
        undo.forEachUnwritten(writtenOffset, (key, offset) -> offsets.merge(key, offset, Math::max));
    }

    /**
     * A handler changed the entity from {@code before}; the caller records the change in the undo
     * log.
     */
    void changed(Bytes entityKey, long offset, byte[] before) {
        if (offsets.put(entityKey, offset) == null && before == null) {
            created.add(entityKey);
        }
    }

    /** A rollback restored the entity: the one change that needs a durable mark here. */
    void restored(Bytes entityKey, long offset) {
        offsets.put(entityKey, offset);
        created.remove(entityKey);
        marked.add(entityKey);
        restoredMarks.put(entityKey, codec.encode(new DirtyMark(offset)));
    }

    int size() {
        return offsets.size();
    }

    Set<Bytes> keys() {
        return offsets.keySet();
    }

    boolean contains(Bytes entityKey) {
        return offsets.containsKey(entityKey);
    }

    /** Whether the dirty entity is known to have been absent at the last written state. */
    boolean created(Bytes entityKey) {
        return created.contains(entityKey);
    }

    /**
     * Removes the entries a completed batch wrote, unless they changed again after its cut. Those
     * now have the batch's row, or none if it deleted them; either way not known to be absent.
     */
    int clearWritten(List<Bytes> written, long cutOffset) {
        int cleared = 0;
        for (Bytes key : written) {
            created.remove(key);
            Long offset = offsets.get(key);
            if (offset != null && offset <= cutOffset) {
                offsets.remove(key);
                if (marked.remove(key)) {
                    restoredMarks.delete(key);
                }
                cleared++;
            }
        }
        return cleared;
    }
}
