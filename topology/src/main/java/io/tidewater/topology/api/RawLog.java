package io.tidewater.topology.api;

import java.util.List;

/**
 * A log as a node returns it: its topics (topic 0 is the event's hash) and its ABI-encoded data,
 * both lowercase {@code 0x} hex.
 */
public record RawLog(List<String> topics, String data) {
    public RawLog {
        topics = List.copyOf(topics);
    }
}
