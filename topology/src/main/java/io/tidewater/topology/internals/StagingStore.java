package io.tidewater.topology.internals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.internals.WrappedStateStore;

/**
 * A key-value store that can hold a put back until the task commits, and compute its value only
 * then. The undo log's open entry and the chain positions change on every record, and a commit
 * is the only moment they must be current: a processor has no hook before a commit, but the
 * store it writes to does, since Kafka Streams flushes every store's cache as a commit begins.
 * A staged put rewritten a hundred times between commits is encoded and written once.
 *
 * <p>A staged put behaves as a put into the record cache would: it reaches the store inside
 * before any read or other write of this store, and before a commit or close. Under exactly-once
 * a task that fails before its commit has its state wiped and restored from the changelog, so
 * holding the put back loses nothing the transaction kept. Under at-least-once a crash keeps every
 * write already made, and a position written later than the entity writes it describes would
 * rewind duplicate detection after a restart; there a staged put is written at once.
 *
 * <p>Extends Kafka's internal {@link WrappedStateStore} because that is how a store takes part in
 * the cache flush that precedes a commit ({@code ProcessorStateManager.flushCache}); a Kafka
 * upgrade must keep {@code StagingStoreTest} green.
 *
 * <p>Threading contract: used only by its task's stream thread, like every store.
 */
final class StagingStore extends WrappedStateStore<KeyValueStore<Bytes, byte[]>, Bytes, byte[]>
        implements KeyValueStore<Bytes, byte[]> {
    private final Map<Bytes, Supplier<byte[]>> staged = new LinkedHashMap<>();
    private boolean deferring;

    /** A store that writes staged puts at once until {@link #init} finds the task exactly-once. */
    StagingStore(KeyValueStore<Bytes, byte[]> inner) {
        this(inner, false);
    }

    StagingStore(KeyValueStore<Bytes, byte[]> inner, boolean deferring) {
        super(inner);
        this.deferring = deferring;
    }

    /** The staging store behind what a processor context hands out for it. */
    static StagingStore of(StateStore store) {
        if (store instanceof StagingStore staging) {
            return staging;
        }
        StagingStore inner = store instanceof WrappedStateStore<?, ?, ?> w ? w.findInner(StagingStore.class) : null;
        if (inner == null) {
            throw new IllegalStateException("store " + store.name() + " was not built by " + StagingStoreBuilder.class.getSimpleName());
        }
        return inner;
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        deferring = StreamsConfig.EXACTLY_ONCE_V2.equals(context.appConfigs().get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG));
        super.init(context, root);
    }

    /** Puts {@code value.get()} under {@code key} before the next commit; a later stage of the key replaces this one. */
    void stage(Bytes key, Supplier<byte[]> value) {
        if (deferring) {
            staged.put(key, value);
        } else {
            wrapped().put(key, value.get());
        }
    }

    private void writeStaged() {
        if (staged.isEmpty()) {
            return;
        }
        for (Map.Entry<Bytes, Supplier<byte[]>> e : staged.entrySet()) {
            wrapped().put(e.getKey(), e.getValue().get());
        }
        staged.clear();
    }

    @Override
    public void flushCache() {
        writeStaged();
        super.flushCache();
    }

    @Override
    public void commit(Map<TopicPartition, Long> changelogOffsets) {
        writeStaged();
        super.commit(changelogOffsets);
    }

    @Override
    public void close() {
        writeStaged();
        super.close();
    }

    @Override
    public void put(Bytes key, byte[] value) {
        writeStaged();
        wrapped().put(key, value);
    }

    @Override
    public byte[] putIfAbsent(Bytes key, byte[] value) {
        writeStaged();
        return wrapped().putIfAbsent(key, value);
    }

    @Override
    public void putAll(List<KeyValue<Bytes, byte[]>> entries) {
        writeStaged();
        wrapped().putAll(entries);
    }

    @Override
    public byte[] delete(Bytes key) {
        writeStaged();
        return wrapped().delete(key);
    }

    @Override
    public byte[] get(Bytes key) {
        writeStaged();
        return wrapped().get(key);
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> range(Bytes from, Bytes to) {
        writeStaged();
        return wrapped().range(from, to);
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> reverseRange(Bytes from, Bytes to) {
        writeStaged();
        return wrapped().reverseRange(from, to);
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> all() {
        writeStaged();
        return wrapped().all();
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> reverseAll() {
        writeStaged();
        return wrapped().reverseAll();
    }

    @Override
    public <PS extends Serializer<P>, P> KeyValueIterator<Bytes, byte[]> prefixScan(P prefix, PS prefixKeySerializer) {
        writeStaged();
        return wrapped().prefixScan(prefix, prefixKeySerializer);
    }

    @Override
    public long approximateNumEntries() {
        writeStaged();
        return wrapped().approximateNumEntries();
    }
}
