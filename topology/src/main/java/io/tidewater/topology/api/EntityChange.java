package io.tidewater.topology.api;

/**
 * An entity's value at a batch's offset.
 *
 * @param value the Avro binary encoding in {@code entity.schema()}, or null when the entity
 *     is absent and its row must be deleted. Encoded rather than decoded so that the sink
 *     decodes on its own thread, off the stream thread's hot path.
 * @param created the entity was absent at the state the task last wrote, so that its row is
 *     new to the database and can be inserted without conflict handling. Only a hint: a row can
 *     be there after all (a batch replayed after a crash, another partition writing the same
 *     id), and a sink must then fall back to an upsert.
 */
public record EntityChange(EntityDefinition<?> entity, String id, byte[] value, boolean created) {
    /** A change to an entity that may already have a row. */
    public EntityChange(EntityDefinition<?> entity, String id, byte[] value) {
        this(entity, id, value, false);
    }

    public boolean isDelete() {
        return value == null;
    }
}
