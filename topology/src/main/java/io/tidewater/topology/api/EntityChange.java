package io.tidewater.topology.api;

/**
 * An entity's value at a batch's offset.
 *
 * @param value the Avro binary encoding in {@code entity.schema()}, or null when the entity
 *     is absent and its row must be deleted. Encoded rather than decoded so that the sink
 *     decodes on its own thread, off the stream thread's hot path.
 */
public record EntityChange(EntityDefinition<?> entity, String id, byte[] value) {
    public boolean isDelete() {
        return value == null;
    }
}
