package io.tidewater.topology;

import io.tidewater.topology.api.Indexer;
import io.tidewater.topology.api.Subscription;
import io.tidewater.topology.internals.Handlers;
import java.util.List;

/** The events an indexer handles, for a chain source that fetches only what is needed. */
public final class Subscriptions {
    private Subscriptions() {
    }

    /** @throws IllegalArgumentException when the indexer declares an invalid signature or ABI, naming it */
    public static List<Subscription> of(Indexer indexer) {
        return Handlers.of(indexer).subscriptions();
    }
}
