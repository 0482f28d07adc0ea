package io.tidewater.topology.internals;

import io.tidewater.serdes.AvroCodec;
import io.tidewater.serdes.store.PriorValue;
import io.tidewater.serdes.store.UndoEntry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;

/**
 * Every change within the reorg threshold, per chain, in the order it was made, with the value
 * it replaced. A rollback walks one chain's entries newest-first, so its cost follows what
 * the reorg touched, not the size of the state.
 *
 * <p>One entry holds a block's changes, not a log's: a rollback never splits a block, so only
 * the value an entity had before the block is needed, and the block's later logs extend the
 * entry in place. The entry is staged ({@link StagingStore}), so however many logs extend it
 * between commits, it is encoded and written once per commit, where one entry per log cost a
 * changelog record per log, and rewriting it on every log a cached put per log. An entry
 * is closed at {@link #MAX_PRIORS} entities, so that rewriting it stays cheap in a block of
 * thousands of logs, and whenever the chain is rolled back or pruned.
 *
 * <p>Entries are also kept until the sink has written them, whatever their age: those beyond
 * the written offset are the durable form of the dirty set ({@link DirtySet}), so marking an
 * entity dirty costs no store write of its own.
 */
final class UndoLog {
    /** Restores one entity to the value it had before a change. */
    interface Restorer {
        void restore(Bytes entityKey, byte[] previous);
    }

    /** Entities one entry holds before the block's next change opens another. */
    static final int MAX_PRIORS = 256;

    /**
     * A chain's newest entry, which the next change in the same block extends. Its prior values
     * are kept encoded, so that extending it encodes only the new ones and rewriting it is a copy.
     */
    private final class OpenEntry {
        final Bytes storeKey;
        final long block;
        final long logIndex;
        final Set<Bytes> keys = new HashSet<>();
        final ByteArrayOutputStream priors = new ByteArrayOutputStream();
        /** Input offset of the last log the entry holds. */
        long offset;
        /** Encodes the entry as it is when the store asks, once per commit however often it was extended. */
        final Supplier<byte[]> encoded = () -> encode(this);

        OpenEntry(long chainId, long seq, long block, long logIndex) {
            this.storeKey = Keys.chainAnd(chainId, seq);
            this.block = block;
            this.logIndex = logIndex;
        }
    }

    private final StagingStore store;
    private final AvroCodec<UndoEntry> codec = new AvroCodec<>(UndoEntry.class);
    private final AvroCodec<PriorValue> priorCodec = new AvroCodec<>(PriorValue.class);
    private final Map<Long, OpenEntry> open = new HashMap<>();
    private BinaryDecoder headerDecoder;
    private BinaryEncoder entryEncoder;

    UndoLog(StagingStore store) {
        this.store = store;
    }

    /**
     * Records one log's prior values: in the chain's open entry when it is of the same block and
     * not full, else in a new entry numbered {@code nextSeq}. Sequence numbers only grow, so that
     * a chain's entries stay in the order their changes were made. An entity already in the
     * entry keeps its value from before the block.
     *
     * @return whether {@code nextSeq} was taken
     */
    boolean append(long chainId, long nextSeq, long block, long logIndex, long offset, List<PriorValue> priors) {
        OpenEntry entry = open.get(chainId);
        boolean opened = entry == null || entry.block != block || entry.keys.size() >= MAX_PRIORS;
        if (opened) {
            entry = new OpenEntry(chainId, nextSeq, block, logIndex);
            open.put(chainId, entry);
        }
        for (PriorValue p : priors) {
            if (entry.keys.add(Bytes.wrap(bytes(p.getEntityKey())))) {
                entry.priors.writeBytes(priorCodec.encode(p));
            }
        }
        entry.offset = offset;
        store.stage(entry.storeKey, entry.encoded);
        return opened;
    }

    /**
     * The entry as {@code codec} would encode it: the three leading longs, then the array of prior
     * values as one block (its item count, the items, and the zero that ends an array).
     */
    private byte[] encode(OpenEntry entry) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(entry.priors.size() + 4 * 10 + 1);
        entryEncoder = EncoderFactory.get().directBinaryEncoder(out, entryEncoder);
        try {
            entryEncoder.writeLong(entry.block);
            entryEncoder.writeLong(entry.logIndex);
            entryEncoder.writeLong(entry.offset);
            entryEncoder.writeLong(entry.keys.size());
            entry.priors.writeTo(out);
            entryEncoder.writeLong(0);
            entryEncoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode an undo entry in memory", e);
        }
        return out.toByteArray();
    }

    /** Calls {@code action} with every entity key changed by a record beyond {@code writtenOffset}. */
    void forEachUnwritten(long writtenOffset, BiConsumer<Bytes, Long> action) {
        try (KeyValueIterator<Bytes, byte[]> it = store.all()) {
            while (it.hasNext()) {
                byte[] value = it.next().value;
                if (header(value).offset() > writtenOffset) {
                    UndoEntry entry = codec.decode(value);
                    for (PriorValue p : entry.getChanges()) {
                        action.accept(Bytes.wrap(bytes(p.getEntityKey())), entry.getOffset());
                    }
                }
            }
        }
    }

    static PriorValue prior(Bytes entityKey, byte[] previous) {
        return new PriorValue(ByteBuffer.wrap(entityKey.get()), previous == null ? null : ByteBuffer.wrap(previous));
    }

    /**
     * Undoes every change of the chain made in a block above {@code toBlock}. Walking newest
     * first, the last prior value seen for an entity is the one it had before the first undone
     * change, so each entity is restored once, to that value, however often the reorg touched it.
     *
     * @return the number of entity changes undone, an entity counted once per block
     */
    int rollback(long chainId, long toBlock, Restorer restorer) {
        open.remove(chainId);
        List<Bytes> undone = new ArrayList<>();
        Map<Bytes, ByteBuffer> oldest = new LinkedHashMap<>();
        int changed = 0;
        try (KeyValueIterator<Bytes, byte[]> it = store.reverseRange(Keys.chainAnd(chainId, 0), Keys.chainAnd(chainId, Long.MAX_VALUE))) {
            while (it.hasNext()) {
                KeyValue<Bytes, byte[]> kv = it.next();
                // Kafka Streams 4.3.1's cached reverse scans get cache tombstones wrong (see
                // CachedUndoScanTest). An entry deleted since the last flush comes back with a null
                // value: skipped. One may also come back with its flushed value, but only a pruned
                // one, which is at or below any block a rollback may target and so ends the walk.
                if (kv.value == null) {
                    continue;
                }
                UndoEntry entry = codec.decode(kv.value);
                if (entry.getBlockNumber() <= toBlock) {
                    break;
                }
                List<PriorValue> changes = entry.getChanges();
                for (int i = changes.size() - 1; i >= 0; i--) {
                    PriorValue p = changes.get(i);
                    oldest.put(Bytes.wrap(bytes(p.getEntityKey())), p.getPrevious());
                    changed++;
                }
                undone.add(kv.key);
            }
        }
        oldest.forEach((key, previous) -> restorer.restore(key, previous == null ? null : bytes(previous)));
        undone.forEach(store::delete);
        return changed;
    }

    /**
     * Forgets the chain's changes made at or below {@code throughBlock}, which can no longer be
     * reorged, up to the first one the sink has not written yet: that one and all after it
     * still say what is dirty. A later call prunes them once written.
     */
    int prune(long chainId, long throughBlock, long writtenOffset) {
        open.remove(chainId);
        List<Bytes> pruned = new ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> it = store.range(Keys.chainAnd(chainId, 0), Keys.chainAnd(chainId, Long.MAX_VALUE))) {
            while (it.hasNext()) {
                KeyValue<Bytes, byte[]> kv = it.next();
                Header entry = header(kv.value);
                if (entry.blockNumber() > throughBlock || entry.offset() > writtenOffset) {
                    break;
                }
                pruned.add(kv.key);
            }
        }
        pruned.forEach(store::delete);
        return pruned.size();
    }

    /** The fields of an entry that say where its record was. */
    private record Header(long blockNumber, long offset) {
    }

    /**
     * Reads an entry's leading fields without decoding its prior values: scans that only
     * compare positions (pruning, recovery) would otherwise decode every kept entity value.
     * Relies on blockNumber, logIndex and offset being the schema's first fields.
     */
    private Header header(byte[] entry) {
        headerDecoder = DecoderFactory.get().binaryDecoder(entry, headerDecoder);
        try {
            long blockNumber = headerDecoder.readLong();
            headerDecoder.readLong();
            return new Header(blockNumber, headerDecoder.readLong());
        } catch (IOException e) {
            throw new UncheckedIOException("undo entry of " + entry.length + " bytes is corrupt", e);
        }
    }

    /**
     * The buffer's bytes: its backing array itself when the buffer spans all of it, as the ones
     * {@link #prior} and Avro's decoder make do, so that the per-log path copies no entity key.
     */
    private static byte[] bytes(ByteBuffer buffer) {
        if (buffer.hasArray() && buffer.arrayOffset() == 0 && buffer.position() == 0 && buffer.limit() == buffer.array().length) {
            return buffer.array();
        }
        ByteBuffer b = buffer.duplicate();
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }
}
