package io.tidewater.topology;

import io.tidewater.topology.api.Indexer;
import io.tidewater.topology.internals.Handlers;
import io.tidewater.topology.internals.IndexerProcessorSupplier;
import io.tidewater.topology.internals.StoreNames;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;

/**
 * Builds the indexing topology: a pure factory from config, indexer and ports to a
 * {@link Topology}. It starts no thread and opens no connection; whoever runs the topology
 * owns the sink, the flow control and the streams client.
 */
public final class TidewaterTopology {
    private TidewaterTopology() {
    }

    public static Topology build(TidewaterConfig config, Indexer indexer, TopologyPorts ports) {
        Topology topology = new Topology();
        topology.addSource(StoreNames.SOURCE, Serdes.String().deserializer(), Serdes.ByteArray().deserializer(),
                config.inputTopic());
        topology.addProcessor(StoreNames.PROCESSOR,
                new IndexerProcessorSupplier(config, ports, Handlers.of(indexer), indexer.entities()), StoreNames.SOURCE);
        topology.addSink(StoreNames.DEAD_LETTER_SINK, config.deadLetterTopic(), Serdes.String().serializer(),
                Serdes.ByteArray().serializer(), StoreNames.PROCESSOR);
        return topology;
    }
}
