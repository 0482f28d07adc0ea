package io.tidewater.topology.internals;

import static io.tidewater.topology.internals.MemoryStores.block;
import static io.tidewater.topology.internals.MemoryStores.hash;
import static io.tidewater.topology.internals.MemoryStores.key;
import static io.tidewater.topology.internals.MemoryStores.log;
import static io.tidewater.topology.internals.MemoryStores.priors;
import static io.tidewater.topology.internals.MemoryStores.string;
import static org.assertj.core.api.Assertions.assertThat;

import io.tidewater.serdes.AvroCodec;
import io.tidewater.serdes.WireLimits;
import io.tidewater.serdes.store.ChainState;
import io.tidewater.topology.api.ChainCheckpoint;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;

class ChainTrackerTest {
    private static final int THRESHOLD = 3;

    private final MemoryStores stores = new MemoryStores();
    private final StagingStore chainStore = stores.staged(StoreNames.CHAINS);
    private final KeyValueStore<Bytes, byte[]> hashStore = stores.store(StoreNames.HASHES);
    private final StagingStore undoStore = stores.staged(StoreNames.UNDO);
    private ChainTracker tracker = restart();

    /** A tracker over the same stores, as a restarted task builds it. */
    private ChainTracker restart() {
        return new ChainTracker(new ChainStates(chainStore), new BlockHashes(hashStore), new UndoLog(undoStore), THRESHOLD);
    }

    private ChainState stored(long chainId) {
        return new AvroCodec<>(ChainState.class).decode(chainStore.get(Keys.chain(chainId)));
    }

    /** Blocks {@code from..to} of chain 1 with one log each, every log changing entity {@code a}, at offset = block. */
    private void logs(long from, long to) {
        for (long b = from; b <= to; b++) {
            tracker.logApplied(log(1, b, hash(b), 1000 + b, 0), b, priors("a", "v" + (b - 1)));
        }
    }

    @Test
    void aLogAboveTheHeadAdvancesItAndIsStoredAsTheLastApplied() {
        assertThat(tracker.logApplied(log(1, 5, hash(5), 1005, 2), 40, List.of())).isTrue();

        ChainPosition p = tracker.position(1);
        assertThat(p).isEqualTo(new ChainPosition(1, 5, hash(5), 1005L, 5, 2, -1, 0, 40));
        assertThat(tracker.hash(1, 5)).isEqualTo(hash(5));
        assertThat(string(hashStore.get(Keys.chainAnd(1, 5)))).isEqualTo(hash(5));
        ChainState s = stored(1);
        assertThat(List.of(s.getHead(), s.getLastBlock(), s.getLastLogIndex(), s.getOffset())).containsExactly(5L, 5L, 2L, 40L);
        assertThat(tracker.processedOffset()).isEqualTo(40);
    }

    @Test
    void aRecordAtOrBelowTheHeadLeavesItWhereItIs() {
        assertThat(tracker.blockApplied(block(1, 10, hash(10), hash(9), 1010), 0)).isTrue();
        assertThat(tracker.logApplied(log(1, 8, hash(8), 1008, 0), 1, List.of())).isFalse();
        assertThat(tracker.blockApplied(block(1, 10, hash(10), hash(9), 1010), 2)).isFalse();

        ChainPosition p = tracker.position(1);
        assertThat(List.of(p.head(), p.lastBlock(), p.lastLogIndex(), p.offset())).containsExactly(10L, 8L, 0L, 2L);
        assertThat(p.headHash()).isEqualTo(hash(10));
        assertThat(tracker.hash(1, 8)).as("a log does not record the hash of a block below the head").isNull();
    }

    @Test
    void undoEntriesTakeConsecutiveSequenceNumbersThatOutliveARestart() {
        tracker.logApplied(log(1, 1, hash(1), 1001, 0), 0, priors("a", null));
        tracker.logApplied(log(1, 1, hash(1), 1001, 1), 1, List.of());
        tracker.logApplied(log(1, 2, hash(2), 1002, 0), 2, priors("a", "v1", "b", null));
        assertThat(stored(1).getUndoSeq()).isEqualTo(2);

        tracker = restart();
        tracker.logApplied(log(1, 3, hash(3), 1003, 0), 3, priors("b", "w2"));

        assertThat(undoStore.get(Keys.chainAnd(1, 0))).isNotNull();
        assertThat(undoStore.get(Keys.chainAnd(1, 1))).isNotNull();
        assertThat(undoStore.get(Keys.chainAnd(1, 2))).isNotNull();
        assertThat(MemoryStores.size(undoStore)).as("the restarted tracker overwrote no entry").isEqualTo(3);
        assertThat(tracker.position(1).undoSeq()).isEqualTo(3);
    }

    @Test
    void aRollbackRestoresWhatItUndoesAndMakesTheTargetTheHeadWithItsRecordedHash() {
        logs(1, 6);
        Map<Bytes, String> restored = new LinkedHashMap<>();

        int undone = tracker.rollback(1, 3, 7, (k, previous) -> restored.put(k, string(previous)));

        assertThat(undone).isEqualTo(3);
        assertThat(restored).containsExactly(Map.entry(key("a"), "v3"));
        ChainPosition p = tracker.position(1);
        assertThat(p).isEqualTo(new ChainPosition(1, 3, hash(3), null, 3, Long.MAX_VALUE, -1, 6, 7));
        assertThat(tracker.hash(1, 4)).isNull();
        assertThat(hashStore.get(Keys.chainAnd(1, 4))).isNull();
        assertThat(stored(1).getHeadHash()).isEqualTo(hash(3));
        assertThat(tracker.processedOffset()).isEqualTo(7);
        assertThat(MemoryStores.size(undoStore)).isEqualTo(3);
    }

    @Test
    void aRollbackToABlockWhoseHashWasNeverRecordedLeavesTheHeadHashUnknown() {
        tracker.logApplied(log(1, 2, hash(2), 1002, 0), 0, priors("a", null));
        tracker.logApplied(log(1, 5, hash(5), 1005, 0), 1, priors("a", "v2"));

        tracker.rollback(1, 4, 2, (k, previous) -> { });

        assertThat(tracker.position(1).head()).isEqualTo(4);
        assertThat(tracker.position(1).headHash()).isNull();
        assertThat(tracker.hash(1, 4)).isNull();
        assertThat(tracker.hash(1, 2)).isEqualTo(hash(2));
    }

    @Test
    void aLogWithoutATimestampTakesTheOneItsBlockRecordGave() {
        tracker.blockApplied(block(1, 7, hash(7), hash(6), 1_700_000_084L), 0);

        assertThat(tracker.blockTimestamp(log(1, 7, hash(7), WireLimits.UNKNOWN_TIMESTAMP, 0))).isEqualTo(1_700_000_084L);
        assertThat(tracker.blockTimestamp(log(1, 7, hash(7, 1), WireLimits.UNKNOWN_TIMESTAMP, 0))).isNull();
        assertThat(tracker.blockTimestamp(log(1, 8, hash(8), WireLimits.UNKNOWN_TIMESTAMP, 0))).isNull();
        assertThat(tracker.blockTimestamp(log(1, 8, hash(8), 1_700_000_096L, 0))).isEqualTo(1_700_000_096L);

        tracker.logApplied(log(1, 8, hash(8), WireLimits.UNKNOWN_TIMESTAMP, 0), 1, List.of());
        assertThat(tracker.position(1).headTimestamp()).as("a log that brought none gives none").isNull();
    }

    @Test
    void pruningForgetsWrittenHistoryBeyondTheThresholdButKeepsTheLowestTargetsHash() {
        logs(1, 10);
        tracker.prune();

        // through = 10 - 3 - 1 = 6: nothing is written yet, so every undo entry stays.
        assertThat(tracker.position(1).prunedThrough()).isEqualTo(6);
        assertThat(stored(1).getPrunedThrough()).isEqualTo(6);
        assertThat(tracker.hash(1, 5)).isNull();
        assertThat(hashStore.get(Keys.chainAnd(1, 5))).isNull();
        assertThat(tracker.hash(1, 6)).isEqualTo(hash(6));
        assertThat(MemoryStores.size(undoStore)).isEqualTo(10);

        tracker.recordWritten(4);
        tracker.prune();
        assertThat(MemoryStores.size(undoStore)).as("entries through offset 4 are written").isEqualTo(6);

        tracker.recordWritten(10);
        tracker.prune();
        assertThat(MemoryStores.size(undoStore)).as("entries above block 6 may still be reorged").isEqualTo(4);
    }

    @Test
    void offsetsAndPositionsOutliveARestart() {
        logs(1, 4);
        tracker.blockApplied(block(2, 9, hash(9), hash(8), 1009), 5);
        tracker.recordWritten(3);
        tracker.recordWritten(2);
        ChainPosition one = tracker.position(1);

        tracker = restart();

        assertThat(tracker.processedOffset()).isEqualTo(5);
        assertThat(tracker.writtenOffset()).isEqualTo(3);
        assertThat(tracker.position(1)).isEqualTo(one);
        assertThat(tracker.position(2).head()).isEqualTo(9);
        assertThat(stored(1).getWrittenOffset()).isEqualTo(3);
        assertThat(stored(2).getWrittenOffset()).isEqualTo(3);
    }

    @Test
    void checkpointsReportEveryMovedChainAndNoChainOnlyLookedUp() {
        tracker.blockApplied(block(1, 3, hash(3), hash(2), 1003), 0);
        tracker.logApplied(log(10, 7, hash(7), 1007, 1), 1, List.of());
        assertThat(tracker.position(99).head()).isEqualTo(-1);
        assertThat(tracker.hash(99, 0)).isNull();

        assertThat(tracker.checkpoints()).isEqualTo(Map.of(
                1L, new ChainCheckpoint(1, 3, hash(3)),
                10L, new ChainCheckpoint(10, 7, hash(7))));
        assertThat(chainStore.get(Keys.chain(99))).isNull();
    }
}
