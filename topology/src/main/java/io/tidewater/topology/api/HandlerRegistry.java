package io.tidewater.topology.api;

/**
 * Where an {@link Indexer} registers its handlers, one per event.
 *
 * <p>An event is named by its Solidity signature
 * ({@code Transfer(address indexed from, address indexed to, uint256 value)}), or taken from a
 * JSON ABI ({@link Abi#event}). Raw logs (topics and data) are matched by topic 0, and by the
 * number of topics where two events share one (an ERC20 and an ERC721 {@code Transfer}), then
 * decoded; logs that arrive decoded are matched by event name. A bare name ({@code "Transfer"})
 * matches decoded logs only.
 *
 * <p>{@link Contracts} restrict an event to contract addresses per chain; logs of other
 * contracts are skipped and counted as unhandled, like logs of undeclared events.
 */
public interface HandlerRegistry {
    /**
     * @param eventNameOrSignature a signature, or a bare event name for decoded input only
     * @throws IllegalArgumentException if the signature is invalid, or the event already has a handler
     */
    HandlerRegistry on(String eventNameOrSignature, Handler handler);

    /** @throws IllegalArgumentException if the event already has a handler */
    HandlerRegistry on(EventSignature event, Handler handler);

    /** @throws IllegalArgumentException if the event already has a handler */
    HandlerRegistry on(EventSignature event, Contracts contracts, Handler handler);
}
