package io.tidewater.topology.internals;

import io.tidewater.serdes.AvroCodec;
import io.tidewater.serdes.store.ChainState;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;

/**
 * The chains store: each chain's position as a {@link ChainState}. The store has no record of
 * the partition's own, so every chain's state also carries the partition's written offset, and
 * the highest found is the one loaded. The store has the Streams record cache on, so the write
 * per record reaches the changelog once per commit, not per record.
 */
final class ChainStates {
    /** What the store held when the task started. */
    record Loaded(Map<Long, ChainPosition> positions, long writtenOffset) {
    }

    private final StagingStore store;
    private final AvroCodec<ChainState> codec = new AvroCodec<>(ChainState.class);

    ChainStates(StagingStore store) {
        this.store = store;
    }

    Loaded load() {
        Map<Long, ChainPosition> positions = new HashMap<>();
        long written = -1;
        try (KeyValueIterator<Bytes, byte[]> it = store.all()) {
            while (it.hasNext()) {
                KeyValue<Bytes, byte[]> kv = it.next();
                ChainState s = codec.decode(kv.value);
                positions.put(s.getChainId(), new ChainPosition(s.getChainId(), s.getHead(), s.getHeadHash(), s.getHeadTimestamp(),
                        s.getLastBlock(), s.getLastLogIndex(), s.getPrunedThrough(), s.getUndoSeq(), s.getOffset()));
                written = Math.max(written, s.getWrittenOffset());
            }
        }
        return new Loaded(positions, written);
    }

    void save(ChainPosition p, long writtenOffset) {
        store.stage(Keys.chain(p.chainId()), () -> codec.encode(new ChainState(p.chainId(), p.head(), p.headHash(),
                p.headTimestamp(), p.lastBlock(), p.lastLogIndex(), p.prunedThrough(), p.undoSeq(), p.offset(), writtenOffset)));
    }
}
