package io.tidewater.topology.api;

import java.util.List;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;

/**
 * A handler's only window on state, scoped to one log.
 *
 * <p>Writes are buffered: a later read in the same handler sees earlier writes, and they
 * apply atomically when the handler returns, or not at all if it throws. Entities returned
 * are copies; changing one has no effect until it is passed to {@link #set}.
 */
public interface HandlerContext {
    <T extends SpecificRecord> Optional<T> get(Class<T> type, String id);

    /** Creates or replaces the entity with the id it carries. */
    void set(SpecificRecord entity);

    <T extends SpecificRecord> void delete(Class<T> type, String id);

    /**
     * Entities whose {@code field} equals {@code value}, ordered by id. The field must be
     * declared indexed in its {@link EntityDefinition}.
     */
    <T extends SpecificRecord> List<T> getWhere(Class<T> type, String field, Object value);

    /** The event being handled: its name and parameters. */
    Event event();

    /** The block of the log. */
    Block block();

    /** The log's position and emitting contract. */
    Log log();

    long chainId();
}
