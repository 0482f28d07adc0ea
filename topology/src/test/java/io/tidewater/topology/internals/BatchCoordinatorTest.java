package io.tidewater.topology.internals;

import static io.tidewater.topology.internals.EntityStoreTest.ACCOUNT;
import static io.tidewater.topology.internals.EntityStoreTest.account;
import static io.tidewater.topology.internals.MemoryStores.block;
import static io.tidewater.topology.internals.MemoryStores.hash;
import static io.tidewater.topology.internals.MemoryStores.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidewater.serdes.AvroCodec;
import io.tidewater.serdes.store.ChainState;
import io.tidewater.topology.api.Batch;
import io.tidewater.topology.api.BatchSink;
import io.tidewater.topology.api.ChainCheckpoint;
import io.tidewater.topology.api.EntityChange;
import io.tidewater.topology.api.FlowControl;
import io.tidewater.topology.api.IndexerListener;
import io.tidewater.topology.api.SinkFailedException;
import io.tidewater.topology.testing.Account;
import io.tidewater.topology.testing.MemorySink;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;

class BatchCoordinatorTest {
    private static final String TASK = "0_0";

    private final MemoryStores stores = new MemoryStores();
    private final StagingStore chainStore = stores.staged(StoreNames.CHAINS);
    private final KeyValueStore<Bytes, byte[]> hashStore = stores.store(StoreNames.HASHES);
    private final UndoLog undo = new UndoLog(stores.staged(StoreNames.UNDO));
    private final EntityCatalog catalog = new EntityCatalog(List.of(ACCOUNT));
    private final EntityStore store = new EntityStore(stores.staged(StoreNames.ENTITIES), stores.store(StoreNames.INDEX), catalog);
    private final KeyValueStore<Bytes, byte[]> marks = stores.store(StoreNames.DIRTY);
    private final List<String> flow = Collections.synchronizedList(new ArrayList<>());
    private final FlowControl flowControl = new FlowControl() {
        @Override
        public void requestPause(String task) {
            flow.add("pause " + task);
        }

        @Override
        public void release(String task) {
            flow.add("release " + task);
        }
    };
    private MemorySink sink = MemorySink.manual();
    private ChainTracker chains;
    private DirtySet dirty;
    private BatchCoordinator batches;

    BatchCoordinatorTest() {
        restart(sink);
    }

    /** A coordinator over the same stores, as a restarted task builds it. */
    private void restart(MemorySink newSink) {
        sink = newSink;
        chains = new ChainTracker(new ChainStates(chainStore), new BlockHashes(hashStore), undo, 10);
        dirty = new DirtySet(marks, undo, chains.writtenOffset());
        batches = coordinator(sink);
    }

    private BatchCoordinator coordinator(BatchSink to) {
        return new BatchCoordinator("in", 0, TASK, to, flowControl, IndexerListener.NONE, dirty, store, catalog, chains);
    }

    /** A record at {@code offset} sets the account's balance, or deletes it for a negative one; chain 1 moves to that block. */
    private void record(long offset, String id, long balance) {
        Bytes key = key(id);
        byte[] before = store.read(key);
        store.write(key, ACCOUNT, before, balance < 0 ? null : catalog.encode(ACCOUNT, account(id, "o", balance)));
        dirty.changed(key, offset, before);
        chains.blockApplied(block(1, offset, hash(offset), hash(offset - 1), 1000 + offset), offset);
    }

    private static Map<String, Long> balances(Batch batch) {
        AvroCodec<Account> codec = new AvroCodec<>(Account.class);
        Map<String, Long> out = new TreeMap<>();
        for (EntityChange c : batch.changes()) {
            out.put(c.id(), c.isDelete() ? null : codec.decode(c.value()).getBalance());
        }
        return out;
    }

    @Test
    void aCutHoldsEveryDirtyEntitysCurrentValueOrItsDeleteAndEachChainsHead() {
        record(1, "a", 10);
        record(2, "b", 5);
        record(3, "a", 12);
        record(4, "b", -1);

        batches.cutIfIdle(4);

        assertThat(sink.submitted()).hasSize(1);
        Batch batch = sink.submitted().get(0);
        assertThat(batch.offset()).isEqualTo(4);
        assertThat(batch.partition()).isZero();
        assertThat(balances(batch)).containsEntry("a", 12L).containsEntry("b", null).hasSize(2);
        assertThat(batch.chains()).isEqualTo(Map.of(1L, new ChainCheckpoint(1, 4, hash(4))));
        assertThat(batches.writing()).isTrue();
    }

    @Test
    void oneWriteIsInFlightAndTheNextCarriesOnlyWhatChangedMeanwhile() {
        record(1, "a", 1);
        record(2, "b", 2);
        batches.cutIfIdle(2);
        record(3, "b", 3);
        record(4, "c", 4);

        batches.cutIfIdle(4);
        assertThat(sink.submitted()).hasSize(1);

        sink.completeNext();
        batches.drain();
        assertThat(batches.writing()).isFalse();
        assertThat(dirty.keys()).containsExactlyInAnyOrder(key("b"), key("c"));
        batches.cutIfIdle(4);

        assertThat(sink.submitted()).hasSize(2);
        assertThat(balances(sink.submitted().get(1))).isEqualTo(Map.of("b", 3L, "c", 4L));
    }

    @Test
    void aCutMarksTheEntitiesThatHadNoRowAtTheLastWriteAsCreated() {
        record(1, "a", 1);
        batches.cutIfIdle(1);
        sink.completeNext();
        batches.drain();
        record(2, "a", 2);
        record(3, "b", 3);
        record(4, "c", 4);
        record(5, "c", -1);

        batches.cutIfIdle(5);

        Map<String, Boolean> created = new TreeMap<>();
        sink.submitted().get(1).changes().forEach(c -> created.put(c.id(), c.created()));
        assertThat(created).isEqualTo(Map.of("a", false, "b", true, "c", true));
        assertThat(sink.submitted().get(0).changes()).singleElement().extracting(EntityChange::created).isEqualTo(true);
    }

    @Test
    void aCompletedBatchIsRecordedAsWrittenInTheChainStates() {
        record(1, "a", 1);
        batches.cutIfIdle(1);
        sink.completeNext();

        batches.drain();

        assertThat(dirty.size()).isZero();
        assertThat(batches.writtenOffset()).isEqualTo(1);
        assertThat(chains.writtenOffset()).isEqualTo(1);
        assertThat(new AvroCodec<>(ChainState.class).decode(chainStore.get(Keys.chain(1))).getWrittenOffset()).isEqualTo(1);
        assertThat(flow).containsExactly("release " + TASK);
    }

    @Test
    void aFailedWriteIsRethrownOnEveryLaterCallAndClearsNothing() {
        record(1, "a", 1);
        batches.cutIfIdle(1);
        sink.failNext(new IllegalStateException("balance: check violation"));

        assertThatThrownBy(batches::drain).isInstanceOf(SinkFailedException.class)
                .hasMessageContaining("at offset 1").hasMessageContaining("balance: check violation");
        assertThatThrownBy(() -> batches.cutIfIdle(1)).isInstanceOf(SinkFailedException.class);
        assertThatThrownBy(batches::drain).isInstanceOf(SinkFailedException.class);
        assertThat(dirty.size()).isEqualTo(1);
        assertThat(chains.writtenOffset()).isEqualTo(-1);
        assertThat(sink.submitted()).hasSize(1);
    }

    /**
     * A written batch's bookkeeping can fail halfway, as a dirty mark's changelogged delete does
     * once the producer is fenced. The write is over all the same: a flush on the task's close
     * must not wait for it (it waited its whole timeout, and reported the handover as a failure).
     */
    @Test
    void aCompletionWhoseBookkeepingFailsLeavesNoWriteInFlight() {
        boolean[] fenced = {false};
        dirty = new DirtySet(stores.failingDeletes("failing-marks", () -> fenced[0]), undo, chains.writtenOffset());
        batches = coordinator(sink);
        record(1, "a", 1);
        dirty.restored(key("a"), 1);
        batches.cutIfIdle(1);
        sink.completeNext();
        fenced[0] = true;

        assertThatThrownBy(batches::drain).hasMessageContaining("producer fenced");

        assertThat(batches.writing()).isFalse();
        record(2, "b", 2);
        batches.cutIfIdle(2);
        assertThat(sink.submitted()).as("the next cut is not held back by the finished write").hasSize(2);
    }

    @Test
    void theSizeTriggerCutsAndPassingTheCapacityWhileWritingPausesOnce() {
        record(1, "a", 1);
        batches.afterRecord(1, 2, 10);
        assertThat(sink.submitted()).isEmpty();
        record(2, "b", 1);
        batches.afterRecord(2, 2, 4);
        assertThat(sink.submitted()).hasSize(1);
        assertThat(flow).isEmpty();

        record(3, "c", 1);
        record(4, "d", 1);
        batches.afterRecord(4, 2, 4);
        batches.afterRecord(4, 2, 4);
        assertThat(sink.submitted()).as("still one in flight").hasSize(1);
        assertThat(flow).containsExactly("pause " + TASK);

        sink.completeNext();
        batches.drain();
        assertThat(flow).containsExactly("pause " + TASK, "release " + TASK);
    }

    @Test
    void recordsProcessedSinceTheWrittenOffsetCountTowardsTheCapacity() {
        record(1, "a", 1);
        batches.requestCut();
        batches.afterRecord(1, 100, 5);
        assertThat(sink.submitted()).as("a requested cut goes below the size trigger").hasSize(1);

        // Nothing is written yet (offset -1): at offset 4, five records wait for the writer.
        batches.afterRecord(3, 100, 5);
        assertThat(flow).isEmpty();
        batches.afterRecord(4, 100, 5);
        assertThat(flow).containsExactly("pause " + TASK);
    }

    @Test
    void aFlushWritesEverythingThroughTheProcessedOffset() {
        restart(MemorySink.automatic());
        record(1, "a", 1);
        record(2, "b", 2);

        batches.flush(2, Duration.ofSeconds(5));

        assertThat(sink.table("Account")).containsOnlyKeys("a", "b");
        assertThat(sink.offset()).isEqualTo(2);
        assertThat(dirty.size()).isZero();
        assertThat(batches.writtenOffset()).isEqualTo(2);
    }

    @Test
    void aFlushThatRunsOutOfTimeNamesWhatIsUnwritten() {
        record(1, "a", 1);
        record(2, "b", 2);

        assertThatThrownBy(() -> batches.flush(2, Duration.ofMillis(50))).isInstanceOf(SinkFailedException.class)
                .hasMessage("task 0_0: 2 unwritten entities were not flushed within 50 ms");
        assertThat(sink.pendingCount()).isEqualTo(1);
    }

    @Test
    void aFlushStopsOnceWhatIsLeftChangedAfterTheProcessedOffset() {
        restart(MemorySink.automatic());
        record(1, "a", 1);
        // The record at offset 2 threw part-way: its change is dirty, its chain never moved.
        store.write(key("b"), ACCOUNT, null, catalog.encode(ACCOUNT, account("b", "o", 2)));
        dirty.changed(key("b"), 2, null);

        assertThatThrownBy(() -> batches.flush(1, Duration.ofMinutes(1))).isInstanceOf(SinkFailedException.class)
                .hasMessage("task 0_0: 1 unwritten entities changed after offset 1, the last record processed, so no batch can write them");
        assertThat(sink.submitted()).as("one cut, not one per turn until the timeout").hasSize(1);
        assertThat(dirty.keys()).containsExactly(key("b"));
    }

    @Test
    void whatIsAlreadyWrittenNeedsNoBatchAfterARestart() {
        restart(MemorySink.automatic());
        record(1, "a", 1);
        batches.cutIfIdle(1);
        batches.drain();
        assertThat(chains.writtenOffset()).isEqualTo(1);

        restart(MemorySink.automatic());
        batches.cutIfIdle(1);
        assertThat(sink.submitted()).isEmpty();

        batches.cutIfIdle(2);
        assertThat(sink.submitted()).as("processed beyond the written offset: the progress moves, with no entity")
                .singleElement().satisfies(b -> assertThat(b.changes()).isEmpty());
    }
}
