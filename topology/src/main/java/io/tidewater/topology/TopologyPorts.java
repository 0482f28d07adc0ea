package io.tidewater.topology;

import io.tidewater.topology.api.BatchSink;
import io.tidewater.topology.api.FlowControl;
import io.tidewater.topology.api.IndexerListener;
import java.util.Objects;

/** What the topology reaches outside itself, all supplied by whoever runs it. */
public record TopologyPorts(BatchSink sink, FlowControl flowControl, IndexerListener listener) {
    public TopologyPorts {
        Objects.requireNonNull(sink, "sink");
        Objects.requireNonNull(flowControl, "flowControl");
        Objects.requireNonNull(listener, "listener");
    }

    public static TopologyPorts of(BatchSink sink) {
        return new TopologyPorts(sink, FlowControl.NONE, IndexerListener.NONE);
    }
}
