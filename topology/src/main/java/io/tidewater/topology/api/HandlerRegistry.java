package io.tidewater.topology.api;

/** Where an {@link Indexer} registers its handlers, one per event name. */
public interface HandlerRegistry {
    /**
     * @throws IllegalArgumentException if a handler is already registered for the event
     */
    HandlerRegistry on(String eventName, Handler handler);
}
