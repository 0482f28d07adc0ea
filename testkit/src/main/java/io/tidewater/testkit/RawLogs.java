package io.tidewater.testkit;

import io.tidewater.serdes.JsonLines;
import io.tidewater.serdes.wire.InputRecord;
import io.tidewater.serdes.wire.LogEvent;
import io.tidewater.topology.api.EventSignature;
import io.tidewater.topology.api.RawLog;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns decoded input into raw input: each decoded log becomes the topics and data a node would
 * return for it, encoded from its event's signature. Blocks, reorg notices and logs of other
 * events pass unchanged. For proving that raw and decoded input give the same tables.
 */
public final class RawLogs {
    private final Map<String, EventSignature> byName = new HashMap<>();

    private RawLogs(List<EventSignature> events) {
        for (EventSignature e : events) {
            if (byName.put(e.name(), e) != null) {
                throw new IllegalArgumentException("event " + e.name() + " is overloaded; decoded input cannot tell which to encode");
            }
        }
    }

    public static RawLogs of(EventSignature... events) {
        return new RawLogs(List.of(events));
    }

    /** One JSON line, as raw as the signatures allow. */
    public String encode(String jsonLine) {
        InputRecord record = JsonLines.parse(jsonLine);
        if (!(record.getBody() instanceof LogEvent log) || log.getEvent() == null || !byName.containsKey(log.getEvent())) {
            return jsonLine;
        }
        RawLog raw = byName.get(log.getEvent()).encode(log.getParams());
        LogEvent rawLog = LogEvent.newBuilder(log).setEvent(null).setParams(null).setTopics(raw.topics()).setData(raw.data()).build();
        return JsonLines.format(new InputRecord(rawLog));
    }

    public List<String> encode(List<String> jsonLines) {
        return jsonLines.stream().map(this::encode).toList();
    }
}
