package io.tidewater.topology.internals;

import static io.tidewater.topology.internals.MemoryStores.key;
import static io.tidewater.topology.internals.MemoryStores.priors;
import static io.tidewater.topology.internals.MemoryStores.string;
import static org.assertj.core.api.Assertions.assertThat;

import io.tidewater.serdes.AvroCodec;
import io.tidewater.serdes.store.UndoEntry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.utils.Bytes;
import org.junit.jupiter.api.Test;

class UndoLogTest {
    private final StagingStore store = new MemoryStores().staged(StoreNames.UNDO);
    private final UndoLog undo = new UndoLog(store);
    private final Map<Long, Long> seq = new HashMap<>();

    /** Appends the next entry of the chain, at the offset given. */
    private void append(long chainId, long block, long logIndex, long offset, String... idsAndPrevious) {
        long s = seq.merge(chainId, 1L, Long::sum) - 1;
        undo.append(chainId, s, block, logIndex, offset, priors(idsAndPrevious));
    }

    private Map<Bytes, String> rollback(long chainId, long toBlock, int[] undone) {
        Map<Bytes, String> restored = new LinkedHashMap<>();
        undone[0] = undo.rollback(chainId, toBlock, (k, previous) -> restored.put(k, string(previous)));
        return restored;
    }

    @Test
    void aRollbackRestoresEachEntityOnceToItsValueBeforeTheFirstUndoneChange() {
        append(1, 5, 0, 10, "a", "a0");
        append(1, 6, 0, 11, "a", "a1", "b", null);
        append(1, 6, 1, 12, "b", "b1", "a", "a2");
        append(1, 7, 0, 13, "a", "a3", "c", "c0");
        int[] undone = new int[1];

        Map<Bytes, String> restored = rollback(1, 5, undone);

        assertThat(undone[0]).as("every change undone is counted, an entity once per block").isEqualTo(4);
        assertThat(restored).hasSize(3).containsEntry(key("a"), "a1").containsEntry(key("b"), null).containsEntry(key("c"), "c0");
        assertThat(MemoryStores.size(store)).as("the entry of block 5 stays").isEqualTo(1);
    }

    @Test
    void aRollbackLeavesOtherChainsAndTheTargetBlockAlone() {
        append(1, 5, 0, 1, "a", "a0");
        append(2, 9, 0, 2, "x", "x0");
        append(1, 6, 0, 3, "a", "a1");
        append(2, 10, 0, 4, "x", "x1");
        int[] undone = new int[1];

        assertThat(rollback(1, 6, undone)).isEmpty();
        assertThat(undone[0]).isZero();
        assertThat(rollback(1, 5, undone)).containsExactly(Map.entry(key("a"), "a1"));
        assertThat(undone[0]).isEqualTo(1);
        assertThat(MemoryStores.size(store)).isEqualTo(3);
        assertThat(rollback(2, 8, undone)).containsExactly(Map.entry(key("x"), "x0"));
        assertThat(MemoryStores.size(store)).isEqualTo(1);
    }

    @Test
    void pruningStopsAtTheFirstEntryAboveTheBlockOrNotYetWritten() {
        append(1, 1, 0, 1, "a", null);
        append(1, 2, 0, 2, "a", "a1");
        append(1, 3, 0, 3, "a", "a2");
        append(1, 4, 0, 4, "a", "a3");
        append(2, 1, 0, 5, "x", null);

        assertThat(undo.prune(1, 3, 1)).as("written through offset 1 only").isEqualTo(1);
        assertThat(undo.prune(1, 3, 10)).isEqualTo(2);
        assertThat(undo.prune(1, 3, 10)).isZero();
        assertThat(MemoryStores.size(store)).as("block 4 and chain 2 stay").isEqualTo(2);
        int[] undone = new int[1];
        assertThat(rollback(1, 3, undone)).containsExactly(Map.entry(key("a"), "a3"));
    }

    @Test
    void theUnwrittenEntriesNameEveryEntityChangedBeyondTheWrittenOffset() {
        append(1, 1, 0, 1, "a", null);
        append(1, 2, 0, 2, "b", null, "a", "a1");
        append(2, 7, 0, 3, "x", null);
        List<String> seen = new ArrayList<>();

        undo.forEachUnwritten(1, (k, offset) -> seen.add(Keys.entityId(k) + "@" + offset));

        assertThat(seen).containsExactlyInAnyOrder("b@2", "a@2", "x@3");
    }

    @Test
    void aBlocksLogsShareOneEntryThatKeepsEachEntitysValueFromBeforeTheBlock() {
        assertThat(undo.append(1, 0, 5, 0, 10, priors("a", "a0"))).as("the first log opens an entry").isTrue();
        assertThat(undo.append(1, 1, 5, 1, 11, priors("a", "a1", "b", null))).as("the block's next log extends it").isFalse();
        assertThat(undo.append(1, 1, 5, 2, 12, priors("b", "b1", "c", "c0"))).isFalse();
        assertThat(MemoryStores.size(store)).isEqualTo(1);
        List<String> seen = new ArrayList<>();
        undo.forEachUnwritten(9, (k, offset) -> seen.add(Keys.entityId(k) + "@" + offset));
        assertThat(seen).as("the entry is at its last log's offset").containsExactly("a@12", "b@12", "c@12");

        assertThat(undo.append(1, 1, 6, 0, 13, priors("a", "a2"))).as("a new block opens a new entry").isTrue();
        int[] undone = new int[1];
        assertThat(rollback(1, 5, undone)).containsExactly(Map.entry(key("a"), "a2"));
        assertThat(rollback(1, 4, undone)).hasSize(3).containsEntry(key("a"), "a0").containsEntry(key("b"), null).containsEntry(key("c"), "c0");
        assertThat(undone[0]).isEqualTo(3);
        assertThat(MemoryStores.size(store)).isZero();
    }

    @Test
    void anExtendedEntryIsTheEncodingOfTheWholeEntry() {
        undo.append(3, 7, 40, 2, 100, priors("a", "a0", "b", null));
        undo.append(3, 8, 40, 5, 104, priors("c", "c0", "a", "a1"));

        UndoEntry expected = new UndoEntry(40L, 2L, 104L, priors("a", "a0", "b", null, "c", "c0"));
        assertThat(store.get(Keys.chainAnd(3, 7))).isEqualTo(new AvroCodec<>(UndoEntry.class).encode(expected));
    }

    @Test
    void aFullEntryRollbackOrPruneOpensTheNextEntryOfTheSameBlock() {
        long seq = 0;
        for (int i = 0; i < UndoLog.MAX_PRIORS; i++) {
            if (undo.append(1, seq, 5, i, i, priors("e" + i, "v" + i))) {
                seq++;
            }
        }
        assertThat(seq).isEqualTo(1);
        assertThat(undo.append(1, seq, 5, 999, 999, priors("last", "v"))).as("the entry is full").isTrue();
        assertThat(MemoryStores.size(store)).isEqualTo(2);

        undo.prune(1, 0, 999);
        assertThat(undo.append(1, 2, 5, 1000, 1000, priors("after-prune", "v"))).isTrue();
        int[] undone = new int[1];
        Map<Bytes, String> restored = rollback(1, 4, undone);
        assertThat(undone[0]).isEqualTo(UndoLog.MAX_PRIORS + 2);
        assertThat(restored).containsEntry(key("e0"), "v0").containsEntry(key("last"), "v").containsEntry(key("after-prune"), "v");
        assertThat(undo.append(1, 3, 5, 1001, 1001, priors("after-rollback", "v"))).isTrue();
    }
}
