package io.tidewater.topology.internals;

import io.tidewater.serdes.Params;
import io.tidewater.serdes.wire.LogEvent;
import io.tidewater.topology.api.Event;
import io.tidewater.topology.api.Handler;
import io.tidewater.topology.internals.Handlers.Registration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Finds the handler of a log and the event it sees: by topic 0 and topic count for a raw log,
 * which it then decodes, by name for a decoded one; in both cases only among the handlers whose
 * contracts admit the log's address. Stateless, so a task's stream thread may call it freely.
 */
final class EventRouter {
    /** The label under which raw logs of undeclared events are counted. */
    static final String UNKNOWN_TOPIC0 = "unknown-topic0";

    /** What becomes of a log. */
    sealed interface Route permits Handled, Unhandled, Undecodable {
    }

    /** Run {@code handler} on {@code event}. */
    record Handled(Handler handler, Event event) implements Route {
    }

    /** Skip and count: no handler takes this event from this contract. */
    record Unhandled(String event) implements Route {
    }

    /** Dead-letter: the log claims to be {@code signature} but does not decode as one. */
    record Undecodable(String signature, String reason) implements Route {
    }

    private final Handlers handlers;

    EventRouter(Handlers handlers) {
        this.handlers = handlers;
    }

    Route route(LogEvent log) {
        return log.getTopics() != null ? routeRaw(log) : routeDecoded(log);
    }

    private Route routeRaw(LogEvent log) {
        List<String> topics = log.getTopics();
        List<Registration> candidates = admitted(handlers.withTopic0(topics.get(0)), log);
        if (candidates.isEmpty()) {
            List<Registration> any = handlers.withTopic0(topics.get(0));
            return new Unhandled(any.isEmpty() ? UNKNOWN_TOPIC0 : any.get(0).name());
        }
        IllegalArgumentException first = null;
        Registration firstTried = null;
        // Same topic 0, another layout of indexed parameters (ERC20 and ERC721 Transfer): the
        // topic count tells them apart, so try those that fit it first.
        for (Registration r : byTopicCountFit(candidates, topics.size())) {
            try {
                Params params = r.signature().decode(topics, log.getData());
                return new Handled(r.handler(), new Event(r.name(), params));
            } catch (IllegalArgumentException e) {
                if (first == null) {
                    first = e;
                    firstTried = r;
                }
            }
        }
        return new Undecodable(firstTried.signature().toString(), first.getMessage());
    }

    private Route routeDecoded(LogEvent log) {
        List<Registration> candidates = admitted(handlers.named(log.getEvent()), log);
        if (candidates.isEmpty()) {
            return new Unhandled(log.getEvent());
        }
        if (candidates.size() > 1) {
            return new Undecodable(log.getEvent(), "event name '" + log.getEvent() + "' matches several declared events ("
                    + candidates.stream().map(Registration::label).collect(Collectors.joining(", "))
                    + "); send such logs raw (topics and data)");
        }
        Registration r = candidates.get(0);
        return new Handled(r.handler(), new Event(r.name(), new Params(log.getParams())));
    }

    private static List<Registration> admitted(List<Registration> registrations, LogEvent log) {
        return registrations.stream().filter(r -> r.contracts().admits(log.getChainId(), log.getAddress())).toList();
    }

    private static List<Registration> byTopicCountFit(List<Registration> candidates, int topics) {
        return candidates.stream()
                .sorted((a, b) -> Boolean.compare(a.signature().indexedCount() + 1 != topics, b.signature().indexedCount() + 1 != topics))
                .toList();
    }
}
