package io.tidewater.sink;

import io.tidewater.topology.api.Batch;
import io.tidewater.topology.api.ChainCheckpoint;
import io.tidewater.topology.api.EntityChange;
import io.tidewater.topology.api.EntityDefinition;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/** Builds batches the way the topology does: values Avro-encoded in the entity's schema. */
final class Changes {
    static final String TOPIC = "chain-input";

    private Changes() {
    }

    static <T extends SpecificRecord> EntityChange upsert(EntityDefinition<T> entity, T value) {
        return new EntityChange(entity, entity.idOf(value), encode(entity, value));
    }

    /** A change to an entity that was absent at the last write: its row is inserted, not upserted. */
    static <T extends SpecificRecord> EntityChange create(EntityDefinition<T> entity, T value) {
        EntityChange change = upsert(entity, value);
        return new EntityChange(entity, change.id(), change.value(), true);
    }

    static EntityChange delete(EntityDefinition<?> entity, String id) {
        return new EntityChange(entity, id, null);
    }

    static Batch batch(int partition, long offset, List<EntityChange> changes, ChainCheckpoint... chains) {
        Map<Long, ChainCheckpoint> heads = new java.util.HashMap<>();
        for (ChainCheckpoint c : chains) {
            heads.put(c.chainId(), c);
        }
        return new Batch(TOPIC, partition, offset, heads, changes);
    }

    static <T extends SpecificRecord> byte[] encode(EntityDefinition<T> entity, T value) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
            new SpecificDatumWriter<T>(entity.type()).write(value, encoder);
            encoder.flush();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
