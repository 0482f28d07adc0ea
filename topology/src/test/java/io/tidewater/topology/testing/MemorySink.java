package io.tidewater.topology.testing;

import io.tidewater.topology.api.Batch;
import io.tidewater.topology.api.BatchCallback;
import io.tidewater.topology.api.BatchOutcome;
import io.tidewater.topology.api.BatchSink;
import io.tidewater.topology.api.ChainCheckpoint;
import io.tidewater.topology.api.EntityChange;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;

/**
 * A {@link BatchSink} that keeps tables in memory, for topology tests only. It applies the
 * same forward-only rule as the Postgres sink. In manual mode batches wait until the test
 * completes or fails them, which is how tests hold a write "in flight".
 */
public final class MemorySink implements BatchSink {
    private record Pending(Batch batch, BatchCallback callback) {
    }

    private final boolean manual;
    private final Deque<Pending> pending = new ArrayDeque<>();
    private final Map<String, TreeMap<String, GenericRecord>> tables = new HashMap<>();
    private final List<Batch> submitted = new ArrayList<>();
    private final Map<Long, ChainCheckpoint> chains = new HashMap<>();
    private long offset = -1;

    private MemorySink(boolean manual) {
        this.manual = manual;
    }

    /** Completes every batch as soon as it is submitted. */
    public static MemorySink automatic() {
        return new MemorySink(false);
    }

    /** Holds batches until {@link #completeNext()} or {@link #failNext}. */
    public static MemorySink manual() {
        return new MemorySink(true);
    }

    @Override
    public synchronized void submit(Batch batch, BatchCallback callback) {
        submitted.add(batch);
        if (manual) {
            pending.add(new Pending(batch, callback));
        } else {
            callback.completed(write(batch));
        }
    }

    public synchronized int pendingCount() {
        return pending.size();
    }

    public synchronized Batch completeNext() {
        Pending p = pending.removeFirst();
        p.callback().completed(write(p.batch()));
        return p.batch();
    }

    public synchronized Batch failNext(Throwable error) {
        Pending p = pending.removeFirst();
        p.callback().failed(error);
        return p.batch();
    }

    public synchronized List<Batch> submitted() {
        return List.copyOf(submitted);
    }

    public synchronized long offset() {
        return offset;
    }

    public synchronized Map<Long, ChainCheckpoint> chains() {
        return Map.copyOf(chains);
    }

    /** The rows of one entity table, by id. */
    public synchronized TreeMap<String, GenericRecord> table(String entity) {
        return new TreeMap<>(tables.getOrDefault(entity, new TreeMap<>()));
    }

    private BatchOutcome write(Batch batch) {
        if (batch.offset() <= offset) {
            return BatchOutcome.skipped(0);
        }
        for (EntityChange change : batch.changes()) {
            TreeMap<String, GenericRecord> table = tables.computeIfAbsent(change.entity().name(), k -> new TreeMap<>());
            if (change.isDelete()) {
                table.remove(change.id());
            } else {
                table.put(change.id(), decode(change));
            }
        }
        offset = batch.offset();
        chains.putAll(batch.chains());
        return BatchOutcome.written(0);
    }

    private static GenericRecord decode(EntityChange change) {
        try {
            return new GenericDatumReader<GenericRecord>(change.entity().schema())
                    .read(null, DecoderFactory.get().binaryDecoder(change.value(), null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
