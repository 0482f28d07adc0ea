package io.tidewater.topology.internals;

import java.util.ArrayList;
import java.util.HashMap;
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
 * A key-value store that holds its writes back until the task commits. The entities a handler
 * writes again and again (an ERC20 token on every transfer), the undo log's open entry and the
 * chain positions all change on every record, and a commit is the only moment the store inside,
 * and so the changelog, must have them: a key written a hundred times between commits reaches
 * them once. A staged value may be a function, computed only when written (the undo entry is
 * encoded once per commit, not on every log). A processor has no hook before a commit, but a store
 * has: Kafka Streams flushes every store's cache as a commit begins.
 *
 * <p>Reads see staged writes: a get looks among them first, and a scan writes them all first, as
 * does a commit, a close, and a stage that would hold more than {@link #MAX_STAGED} keys, which
 * bounds the memory. Under exactly-once a task that fails before its commit has its state wiped
 * and restored from the changelog, so holding writes back loses nothing the transaction kept.
 * Under at-least-once a crash keeps every write already made, and a chain position written later
 * than the entity writes it describes would rewind duplicate detection after a restart; there
 * every write goes through at once.
 *
 * <p>Extends Kafka's internal {@link WrappedStateStore} because that is how a store takes part in
 * the cache flush that precedes a commit ({@code ProcessorStateManager.flushCache}); a Kafka
 * upgrade must keep {@code StagingStoreTest} green.
 *
 * <p>Threading contract: used only by its task's stream thread, like every store.
 */
final class StagingStore extends WrappedStateStore<KeyValueStore<Bytes, byte[]>, Bytes, byte[]>
        implements KeyValueStore<Bytes, byte[]> {
    /** Keys staged at most; about 3,000 entities change per 100 ms commit at 15,000 ERC20 events/s. */
    static final int MAX_STAGED = 10_000;
    private static final Supplier<byte[]> ABSENT = () -> null;

    private final Map<Bytes, Supplier<byte[]>> staged = new HashMap<>();
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

    /** Puts {@code value.get()} under {@code key} before the next commit, or at once when not deferring; null deletes. */
    void stage(Bytes key, Supplier<byte[]> value) {
        if (!deferring) {
            wrapped().put(key, value.get());
            return;
        }
        if (staged.size() >= MAX_STAGED && !staged.containsKey(key)) {
            writeStaged();
        }
        staged.put(key, value);
    }

    private void writeStaged() {
        if (staged.isEmpty()) {
            return;
        }
        List<KeyValue<Bytes, byte[]>> writes = new ArrayList<>(staged.size());
        staged.forEach((key, value) -> writes.add(KeyValue.pair(key, value.get())));
        staged.clear();
        wrapped().putAll(writes);
    }

    @Override
    public void flushCache() {
        writeStaged();
        super.flushCache();
    }

    /**
     * Drops what is held, as Kafka drops its cache when it recycles a task between active and
     * standby (KAFKA-14172): later writes come from restoration, and held ones must not land on them.
     */
    @Override
    public void clearCache() {
        staged.clear();
        super.clearCache();
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
        stage(key, value == null ? ABSENT : () -> value);
    }

    @Override
    public byte[] putIfAbsent(Bytes key, byte[] value) {
        byte[] current = get(key);
        if (current == null) {
            put(key, value);
        }
        return current;
    }

    @Override
    public void putAll(List<KeyValue<Bytes, byte[]>> entries) {
        entries.forEach(kv -> put(kv.key, kv.value));
    }

    @Override
    public byte[] delete(Bytes key) {
        byte[] current = get(key);
        stage(key, ABSENT);
        return current;
    }

    @Override
    public byte[] get(Bytes key) {
        Supplier<byte[]> value = staged.get(key);
        return value != null ? value.get() : wrapped().get(key);
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
