package io.tidewater.topology.api;

import java.util.Optional;

/**
 * An event an indexer handles, as a chain source needs to know it: which logs to fetch.
 *
 * @param name      the event name
 * @param signature the event, when declared by signature or ABI; empty for a bare name, which
 *                  only decoded input can match
 * @param contracts the contracts whose logs are taken
 */
public record Subscription(String name, Optional<EventSignature> signature, Contracts contracts) {
}
