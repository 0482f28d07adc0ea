package io.tidewater.topology.internals;

import io.tidewater.topology.api.Handler;
import io.tidewater.topology.api.HandlerRegistry;
import io.tidewater.topology.api.Indexer;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/** An indexer's handlers by event name, collected once when the topology is built. */
public final class Handlers implements HandlerRegistry {
    private final Map<String, Handler> byEvent = new HashMap<>();

    public static Handlers of(Indexer indexer) {
        Handlers handlers = new Handlers();
        indexer.registerHandlers(handlers);
        return handlers;
    }

    @Override
    public HandlerRegistry on(String eventName, Handler handler) {
        Objects.requireNonNull(handler, "handler");
        if (byEvent.putIfAbsent(eventName, handler) != null) {
            throw new IllegalArgumentException("a handler for event '" + eventName + "' is already registered");
        }
        return this;
    }

    Handler forEvent(String eventName) {
        return byEvent.get(eventName);
    }
}
