package io.tidewater.topology.api;

import java.util.List;

/**
 * A user's indexer: its entity types and its event handlers. Found through
 * {@link java.util.ServiceLoader} or named on the command line.
 *
 * <p>Handlers must be deterministic: no clock, no randomness, no I/O. Tidewater replays input
 * after a crash and relies on the same input producing the same entities; Postgres writes are
 * made effectively-once on that assumption.
 */
public interface Indexer {
    /** A short name for logs and metrics, e.g. {@code erc20}. */
    String name();

    /** Every entity type the handlers read or write. */
    List<EntityDefinition<?>> entities();

    /** Registers one handler per event name. Logs of other events are skipped and counted. */
    void registerHandlers(HandlerRegistry registry);
}
