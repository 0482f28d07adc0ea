package io.tidewater.examples.erc20;

import io.tidewater.topology.api.EntityDefinition;
import io.tidewater.topology.api.Handler;
import io.tidewater.topology.api.HandlerRegistry;
import io.tidewater.topology.api.Indexer;
import java.util.List;

/** The ERC20 indexer plus one extra handler, for tests of what handlers may do. */
final class Erc20With implements Indexer {
    private final Erc20Indexer erc20 = new Erc20Indexer();
    private final String event;
    private final Handler handler;

    Erc20With(String event, Handler handler) {
        this.event = event;
        this.handler = handler;
    }

    @Override
    public String name() {
        return "erc20+" + event;
    }

    @Override
    public List<EntityDefinition<?>> entities() {
        return erc20.entities();
    }

    @Override
    public void registerHandlers(HandlerRegistry registry) {
        erc20.registerHandlers(registry);
        registry.on(event, handler);
    }
}
