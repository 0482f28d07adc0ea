package io.tidewater.testkit;

import io.tidewater.serdes.AvroCodec;
import io.tidewater.topology.api.Batch;
import io.tidewater.topology.api.BatchCallback;
import io.tidewater.topology.api.BatchOutcome;
import io.tidewater.topology.api.BatchSink;
import io.tidewater.topology.api.EntityChange;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.specific.SpecificRecord;

/**
 * The tables as the Postgres sink would leave them, kept in memory: each batch's upserts and
 * deletes applied at once, with the sink's forward-only rule. What a rollback must reach.
 *
 * <p>Called on the driver's thread only (TopologyTestDriver runs everything on the caller's).
 */
final class WrittenTables implements BatchSink {
    private final Map<String, TreeMap<String, SpecificRecord>> tables = new HashMap<>();
    private final Map<String, AvroCodec<?>> codecs = new HashMap<>();
    private long offset = -1;

    @Override
    public void submit(Batch batch, BatchCallback callback) {
        if (batch.offset() <= offset) {
            callback.completed(BatchOutcome.skipped(0));
            return;
        }
        for (EntityChange change : batch.changes()) {
            TreeMap<String, SpecificRecord> table = tables.computeIfAbsent(change.entity().name(), k -> new TreeMap<>());
            if (change.isDelete()) {
                table.remove(change.id());
            } else {
                table.put(change.id(), codec(change).decode(change.value()));
            }
        }
        offset = batch.offset();
        callback.completed(BatchOutcome.written(0));
    }

    @SuppressWarnings("unchecked")
    <T extends SpecificRecord> TreeMap<String, T> table(String entity) {
        return (TreeMap<String, T>) new TreeMap<>(tables.getOrDefault(entity, new TreeMap<>()));
    }

    private AvroCodec<?> codec(EntityChange change) {
        return codecs.computeIfAbsent(change.entity().name(), n -> new AvroCodec<>(change.entity().type(), change.entity().schema()));
    }
}
