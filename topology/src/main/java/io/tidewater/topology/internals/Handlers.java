package io.tidewater.topology.internals;

import io.tidewater.topology.api.Contracts;
import io.tidewater.topology.api.EventSignature;
import io.tidewater.topology.api.Handler;
import io.tidewater.topology.api.HandlerRegistry;
import io.tidewater.topology.api.Indexer;
import io.tidewater.topology.api.Subscription;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** An indexer's handlers, collected once when the topology is built, by topic 0 and by event name. */
public final class Handlers implements HandlerRegistry {
    /** One handler and what it takes. */
    record Registration(String name, EventSignature signature, Contracts contracts, Handler handler) {
        String label() {
            return signature == null ? name : signature.canonical();
        }
    }

    private final List<Registration> all = new ArrayList<>();
    private final Map<String, List<Registration>> byName = new HashMap<>();
    private final Map<String, List<Registration>> byTopic0 = new HashMap<>();

    /**
     * @throws IllegalArgumentException naming the event, when a signature or an ABI the indexer
     *                                  declares is invalid or an event is registered twice
     */
    public static Handlers of(Indexer indexer) {
        Handlers handlers = new Handlers();
        indexer.registerHandlers(handlers);
        return handlers;
    }

    @Override
    public HandlerRegistry on(String eventNameOrSignature, Handler handler) {
        Objects.requireNonNull(eventNameOrSignature, "eventNameOrSignature");
        if (EventSignature.isSignature(eventNameOrSignature)) {
            return on(EventSignature.parse(eventNameOrSignature), Contracts.any(), handler);
        }
        return add(new Registration(eventNameOrSignature, null, Contracts.any(), Objects.requireNonNull(handler, "handler")));
    }

    @Override
    public HandlerRegistry on(EventSignature event, Handler handler) {
        return on(event, Contracts.any(), handler);
    }

    @Override
    public HandlerRegistry on(EventSignature event, Contracts contracts, Handler handler) {
        return add(new Registration(event.name(), event, Objects.requireNonNull(contracts, "contracts"),
                Objects.requireNonNull(handler, "handler")));
    }

    private HandlerRegistry add(Registration r) {
        for (Registration other : byName.getOrDefault(r.name(), List.of())) {
            boolean sameEvent = r.signature() == null || other.signature() == null || r.signature().equals(other.signature());
            if (sameEvent) {
                throw new IllegalArgumentException("a handler for event '" + r.label() + "' is already registered");
            }
        }
        all.add(r);
        byName.computeIfAbsent(r.name(), n -> new ArrayList<>()).add(r);
        if (r.signature() != null) {
            byTopic0.computeIfAbsent(r.signature().topic0(), t -> new ArrayList<>()).add(r);
        }
        return this;
    }

    List<Registration> named(String eventName) {
        return byName.getOrDefault(eventName, List.of());
    }

    List<Registration> withTopic0(String topic0) {
        return byTopic0.getOrDefault(topic0.toLowerCase(Locale.ROOT), List.of());
    }

    /** What the indexer handles, in registration order, for a chain source to fetch. */
    public List<Subscription> subscriptions() {
        return all.stream()
                .map(r -> new Subscription(r.name(), Optional.ofNullable(r.signature()), r.contracts()))
                .toList();
    }
}
