package io.tidewater.topology.internals;

import io.tidewater.serdes.AvroCodec;
import io.tidewater.serdes.store.DirtyMark;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The outbox: every entity changed and not yet written, with where it last changed. The store
 * is changelogged, so unwritten changes survive a crash; an in-memory mirror of key to offset
 * (bounded by the capacity target) gives the exact count and the cut without a scan.
 */
final class DirtySet {
    private final KeyValueStore<Bytes, byte[]> store;
    private final AvroCodec<DirtyMark> codec = new AvroCodec<>(DirtyMark.class);
    private final Map<Bytes, Long> offsets = new HashMap<>();

    DirtySet(KeyValueStore<Bytes, byte[]> store) {
        this.store = store;
        try (KeyValueIterator<Bytes, byte[]> it = store.all()) {
            while (it.hasNext()) {
                KeyValue<Bytes, byte[]> kv = it.next();
                offsets.put(kv.key, codec.decode(kv.value).getOffset());
            }
        }
    }

    void mark(Bytes entityKey, long offset, long chainId, long block, long logIndex) {
        offsets.put(entityKey, offset);
        store.put(entityKey, codec.encode(new DirtyMark(offset, chainId, block, logIndex)));
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

    /** Removes the entries a completed batch wrote, unless they changed again after its cut. */
    int clearWritten(List<Bytes> written, long cutOffset) {
        int cleared = 0;
        for (Bytes key : written) {
            Long offset = offsets.get(key);
            if (offset != null && offset <= cutOffset) {
                offsets.remove(key);
                store.delete(key);
                cleared++;
            }
        }
        return cleared;
    }
}
