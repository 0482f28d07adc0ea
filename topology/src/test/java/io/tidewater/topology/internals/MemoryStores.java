package io.tidewater.topology.internals;

import io.tidewater.serdes.store.PriorValue;
import io.tidewater.serdes.wire.BlockHeader;
import io.tidewater.serdes.wire.LogEvent;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.internals.InMemoryKeyValueStore;

/**
 * Kafka's in-memory key-value stores, initialised as a task would initialise them, for unit tests
 * of the classes that sit on the stores. A test that builds a second object over the same stores
 * sees what a restarted task would.
 */
final class MemoryStores {
    private final MockProcessorContext<Object, Object> context = new MockProcessorContext<>();

    KeyValueStore<Bytes, byte[]> store(String name) {
        KeyValueStore<Bytes, byte[]> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), Serdes.Bytes(),
                Serdes.ByteArray()).withLoggingDisabled().build();
        store.init(context.getStateStoreContext(), store);
        return store;
    }

    /** A store as the indexer's topology stages into it under exactly-once: staged puts wait for a read, a write or a commit. */
    StagingStore staged(String name) {
        return new StagingStore(store(name), true);
    }

    /**
     * An in-memory store whose deletes throw while {@code failing} says so, as a changelogged
     * store's do once the task's producer is fenced.
     */
    KeyValueStore<Bytes, byte[]> failingDeletes(String name, BooleanSupplier failing) {
        KeyValueStore<Bytes, byte[]> store = new InMemoryKeyValueStore(name) {
            @Override
            public synchronized byte[] delete(Bytes key) {
                if (failing.getAsBoolean()) {
                    throw new IllegalStateException("producer fenced: cannot log the delete of " + key);
                }
                return super.delete(key);
            }
        };
        store.init(context.getStateStoreContext(), store);
        return store;
    }

    static int size(KeyValueStore<Bytes, byte[]> store) {
        int n = 0;
        try (KeyValueIterator<Bytes, byte[]> it = store.all()) {
            while (it.hasNext()) {
                it.next();
                n++;
            }
        }
        return n;
    }

    static Bytes key(String id) {
        return Keys.entity("Account", id);
    }

    static byte[] bytes(String s) {
        return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
    }

    static String string(byte[] b) {
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }

    /** The prior values of one record's changes: {@code id, previous, id, previous, ...}; a null previous is absent. */
    static List<PriorValue> priors(String... idsAndPrevious) {
        PriorValue[] out = new PriorValue[idsAndPrevious.length / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = UndoLog.prior(key(idsAndPrevious[2 * i]), bytes(idsAndPrevious[2 * i + 1]));
        }
        return List.of(out);
    }

    static String hash(long block) {
        return hash(block, 0);
    }

    static String hash(long block, int fork) {
        return "h" + block + (fork == 0 ? "" : "'" + fork);
    }

    static LogEvent log(long chainId, long block, String hash, long timestamp, long logIndex) {
        return LogEvent.newBuilder().setChainId(chainId).setBlockNumber(block).setBlockHash(hash).setBlockTimestamp(timestamp)
                .setLogIndex(logIndex).setTxHash("tx").setAddress("a").setEvent("Moved").build();
    }

    static BlockHeader block(long chainId, long number, String hash, String parentHash, long timestamp) {
        return BlockHeader.newBuilder().setChainId(chainId).setNumber(number).setHash(hash).setParentHash(parentHash)
                .setTimestamp(timestamp).build();
    }
}
