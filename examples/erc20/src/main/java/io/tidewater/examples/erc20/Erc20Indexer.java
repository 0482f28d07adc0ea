package io.tidewater.examples.erc20;

import io.tidewater.topology.api.EntityDefinition;
import io.tidewater.topology.api.HandlerRegistry;
import io.tidewater.topology.api.Indexer;
import java.util.List;

/**
 * The reference indexer (docs/architecture.md, The reference indexer: ERC20): tokens, balances and transfers from ERC20
 * {@code Transfer(from, to, value)} logs.
 */
public final class Erc20Indexer implements Indexer {
    @Override
    public String name() {
        return "erc20";
    }

    @Override
    public List<EntityDefinition<?>> entities() {
        return List.of(
                EntityDefinition.of(Token.class),
                EntityDefinition.of(Balance.class, "token"),
                EntityDefinition.of(Transfer.class));
    }

    @Override
    public void registerHandlers(HandlerRegistry registry) {
        registry.on("Transfer", new TransferHandler());
    }
}
