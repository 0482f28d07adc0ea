package io.tidewater.examples.erc20;

import io.tidewater.topology.api.EntityDefinition;
import io.tidewater.topology.api.EventSignature;
import io.tidewater.topology.api.HandlerRegistry;
import io.tidewater.topology.api.Indexer;
import java.util.List;

/**
 * The reference indexer: tokens, balances and transfers from ERC20
 * {@code Transfer(address indexed from, address indexed to, uint256 value)} logs, raw (topics and
 * data) or decoded.
 */
public final class Erc20Indexer implements Indexer {
    /** The one event it handles, as ERC20 declares it. */
    public static final EventSignature TRANSFER =
            EventSignature.parse("Transfer(address indexed from, address indexed to, uint256 value)");

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
        registry.on(TRANSFER, new TransferHandler());
    }
}
