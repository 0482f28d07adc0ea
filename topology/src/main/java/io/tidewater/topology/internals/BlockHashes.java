package io.tidewater.topology.internals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The recorded hash of each block of each chain within the reorg threshold: what reveals a
 * reorg, and what a rollback's target block is known by.
 */
final class BlockHashes {
    private final KeyValueStore<Bytes, byte[]> store;

    BlockHashes(KeyValueStore<Bytes, byte[]> store) {
        this.store = store;
    }

    /** The recorded hash of a block, or null. */
    String of(long chainId, long block) {
        if (block < 0) {
            return null;
        }
        byte[] v = store.get(Keys.chainAnd(chainId, block));
        return v == null ? null : new String(v, StandardCharsets.UTF_8);
    }

    void record(long chainId, long block, String hash) {
        store.put(Keys.chainAnd(chainId, block), hash.getBytes(StandardCharsets.UTF_8));
    }

    void dropAbove(long chainId, long block) {
        deleteRange(chainId, block + 1, Long.MAX_VALUE);
    }

    void pruneThrough(long chainId, long block) {
        deleteRange(chainId, 0, block);
    }

    private void deleteRange(long chainId, long from, long to) {
        if (from > to) {
            return;
        }
        List<Bytes> keys = new ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> it = store.range(Keys.chainAnd(chainId, from), Keys.chainAnd(chainId, to))) {
            it.forEachRemaining(kv -> keys.add(kv.key));
        }
        keys.forEach(store::delete);
    }
}
