package io.tidewater.topology.api;

/**
 * Handles one log. Its reads and writes go through the context only. If it throws, none of
 * its writes apply and the log goes to the dead-letter topic with the exception's message.
 */
@FunctionalInterface
public interface Handler {
    void handle(HandlerContext ctx) throws Exception;
}
