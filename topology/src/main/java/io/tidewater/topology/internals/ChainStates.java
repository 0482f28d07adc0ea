package io.tidewater.topology.internals;

import io.tidewater.serdes.AvroCodec;
import io.tidewater.serdes.store.ChainState;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Per-chain positions and the block hashes within the reorg threshold. Chain states are few
 * and read on every record, so they are cached in memory and written through; the stores
 * remain the truth, reloaded when the task starts. The chains store has the Streams record
 * cache on, so the write per record reaches the changelog once per commit, not per record.
 */
final class ChainStates {
    private final KeyValueStore<Bytes, byte[]> chains;
    private final KeyValueStore<Bytes, byte[]> hashes;
    private final AvroCodec<ChainState> codec = new AvroCodec<>(ChainState.class);
    private final Map<Long, ChainState> cache = new HashMap<>();

    ChainStates(KeyValueStore<Bytes, byte[]> chains, KeyValueStore<Bytes, byte[]> hashes) {
        this.chains = chains;
        this.hashes = hashes;
        try (KeyValueIterator<Bytes, byte[]> it = chains.all()) {
            while (it.hasNext()) {
                KeyValue<Bytes, byte[]> kv = it.next();
                ChainState state = codec.decode(kv.value);
                cache.put(state.getChainId(), state);
            }
        }
    }

    /** The chain's state; a chain never seen starts below block 0 with nothing to undo. */
    ChainState get(long chainId) {
        ChainState state = cache.get(chainId);
        if (state == null) {
            state = ChainState.newBuilder()
                    .setChainId(chainId).setHead(-1).setHeadHash(null).setLastBlock(-1).setLastLogIndex(-1)
                    .setPrunedThrough(-1).setUndoSeq(0).setOffset(-1).setWrittenOffset(writtenOffset()).build();
            cache.put(chainId, state);
        }
        return state;
    }

    /** The timestamp of block {@code number}, if it is the head with that hash and a record gave it; else null. */
    Long headTimestamp(ChainState chain, long number, String hash) {
        return chain.getHead() == number && hash.equals(chain.getHeadHash()) ? chain.getHeadTimestamp() : null;
    }

    void save(ChainState state) {
        cache.put(state.getChainId(), state);
        chains.put(Keys.chain(state.getChainId()), codec.encode(state));
    }

    /** The last offset the sink confirmed for this partition, or -1. */
    long writtenOffset() {
        long written = -1;
        for (ChainState state : cache.values()) {
            written = Math.max(written, state.getWrittenOffset());
        }
        return written;
    }

    /**
     * Stores that the sink confirmed everything through {@code offset}, in every chain's state,
     * so that a chain first seen later cannot hide it.
     */
    void recordWritten(long offset) {
        for (ChainState state : cache.values()) {
            if (state.getWrittenOffset() < offset) {
                state.setWrittenOffset(offset);
                save(state);
            }
        }
    }

    Collection<ChainState> all() {
        return cache.values();
    }

    /** The recorded hash of a block, or null; the head's comes from memory. */
    String hash(ChainState state, long block) {
        if (block == state.getHead() && state.getHeadHash() != null) {
            return state.getHeadHash();
        }
        if (block < 0 || block < state.getPrunedThrough()) {
            return null;
        }
        byte[] v = hashes.get(Keys.chainAnd(state.getChainId(), block));
        return v == null ? null : new String(v, java.nio.charset.StandardCharsets.UTF_8);
    }

    void recordHash(long chainId, long block, String hash) {
        hashes.put(Keys.chainAnd(chainId, block), hash.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    void dropHashesAbove(long chainId, long block) {
        deleteRange(chainId, block + 1, Long.MAX_VALUE);
    }

    void pruneHashes(long chainId, long throughBlock) {
        deleteRange(chainId, 0, throughBlock);
    }

    private void deleteRange(long chainId, long from, long to) {
        if (from > to) {
            return;
        }
        List<Bytes> keys = new ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> it = hashes.range(Keys.chainAnd(chainId, from), Keys.chainAnd(chainId, to))) {
            it.forEachRemaining(kv -> keys.add(kv.key));
        }
        keys.forEach(hashes::delete);
    }
}
