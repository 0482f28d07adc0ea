package io.tidewater.topology.internals;

import static io.tidewater.topology.internals.MemoryStores.key;
import static io.tidewater.topology.internals.MemoryStores.priors;
import static org.assertj.core.api.Assertions.assertThat;

import io.tidewater.serdes.AvroCodec;
import io.tidewater.serdes.store.DirtyMark;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;

class DirtySetTest {
    private static final byte[] EXISTED = {1};
    private final MemoryStores stores = new MemoryStores();
    private final KeyValueStore<Bytes, byte[]> marks = stores.store(StoreNames.DIRTY);
    private final UndoLog undo = new UndoLog(stores.staged(StoreNames.UNDO));

    private DirtySet recover(long writtenOffset) {
        return new DirtySet(marks, undo, writtenOffset);
    }

    @Test
    void anEntityChangedTwiceIsDirtyOnceAndTheCutAfterItsLastChangeClearsIt() {
        DirtySet dirty = recover(-1);
        dirty.changed(key("a"), 3, EXISTED);
        dirty.changed(key("b"), 4, EXISTED);
        dirty.changed(key("a"), 6, EXISTED);
        assertThat(dirty.size()).isEqualTo(2);

        assertThat(dirty.clearWritten(List.of(key("a"), key("b")), 5)).as("a changed again after the cut at 5").isEqualTo(1);
        assertThat(dirty.keys()).containsExactly(key("a"));
        assertThat(dirty.clearWritten(List.of(key("a")), 6)).isEqualTo(1);
        assertThat(dirty.size()).isZero();
    }

    @Test
    void clearingAnEntityNotInTheSetCountsNothing() {
        DirtySet dirty = recover(-1);
        dirty.changed(key("a"), 1, EXISTED);

        assertThat(dirty.clearWritten(List.of(key("z")), 10)).isZero();
        assertThat(dirty.contains(key("a"))).isTrue();
        assertThat(dirty.contains(key("z"))).isFalse();
    }

    @Test
    void aHandlersChangeCostsNoStoreWriteButARollbacksRestoreIsMarkedWithItsOffsetAlone() {
        DirtySet dirty = recover(-1);
        dirty.changed(key("a"), 1, EXISTED);
        assertThat(MemoryStores.size(marks)).isZero();

        dirty.restored(key("b"), 7);

        DirtyMark mark = new AvroCodec<>(DirtyMark.class).decode(marks.get(key("b")));
        assertThat(mark.getOffset()).isEqualTo(7);
        assertThat(DirtyMark.getClassSchema().getFields()).extracting(Schema.Field::name).containsExactly("offset");
        assertThat(MemoryStores.size(marks)).isEqualTo(1);
    }

    @Test
    void writingARestoredEntityDeletesItsMark() {
        DirtySet dirty = recover(-1);
        dirty.restored(key("b"), 7);
        dirty.restored(key("c"), 8);

        dirty.clearWritten(List.of(key("b"), key("c")), 7);

        assertThat(marks.get(key("b"))).isNull();
        assertThat(marks.get(key("c"))).as("restored again after the cut").isNotNull();
        assertThat(dirty.keys()).containsExactly(key("c"));
    }

    @Test
    void aRestartRecoversTheMarksAndTheEntitiesOfUnwrittenUndoEntries() {
        undo.append(1, 0, 5, 0, 2, priors("a", null));
        undo.append(1, 1, 6, 0, 4, priors("b", null, "c", null));
        undo.append(1, 2, 7, 0, 9, priors("b", "b1"));
        recover(-1).restored(key("d"), 5);

        DirtySet recovered = recover(2);

        assertThat(recovered.keys()).containsExactlyInAnyOrder(key("b"), key("c"), key("d"));
        // b's last change was at 9: a batch cut at 8 must not clear it.
        assertThat(recovered.clearWritten(List.of(key("b"), key("c"), key("d")), 8)).isEqualTo(2);
        assertThat(recovered.keys()).containsExactly(key("b"));
        assertThat(recover(9).size()).as("written through 9: only the mark's entity is left, and it was cleared").isZero();
    }

    @Test
    void anEntityFirstChangedFromNothingIsCreatedUntilWrittenOrRestored() {
        DirtySet dirty = recover(-1);
        dirty.changed(key("new"), 1, null);
        dirty.changed(key("old"), 2, EXISTED);
        dirty.changed(key("new"), 3, EXISTED);
        dirty.changed(key("old"), 4, null);
        dirty.changed(key("rolled"), 5, null);
        dirty.changed(key("later"), 6, null);

        assertThat(dirty.created(key("new"))).as("the flag of its first change since the last write").isTrue();
        assertThat(dirty.created(key("old"))).as("it had a row, deleted since, not yet written").isFalse();
        dirty.restored(key("rolled"), 7);
        assertThat(dirty.created(key("rolled"))).as("a rollback may restore a row that was written").isFalse();

        dirty.clearWritten(List.of(key("new"), key("later")), 5);
        assertThat(dirty.contains(key("later"))).as("changed after the cut").isTrue();
        assertThat(dirty.created(key("later"))).as("the batch wrote its row").isFalse();
        dirty.changed(key("new"), 8, null);
        assertThat(dirty.created(key("new"))).as("written, then changed from nothing: the batch deleted or never had it").isTrue();
    }

    @Test
    void aRecoveredEntityIsNotKnownToBeCreated() {
        undo.append(1, 0, 5, 0, 2, priors("a", null));

        DirtySet recovered = recover(-1);

        assertThat(recovered.keys()).containsExactly(key("a"));
        assertThat(recovered.created(key("a"))).isFalse();
    }
}
