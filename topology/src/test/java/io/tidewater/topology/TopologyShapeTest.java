package io.tidewater.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidewater.topology.api.EntityDefinition;
import io.tidewater.topology.api.HandlerRegistry;
import io.tidewater.topology.api.Indexer;
import io.tidewater.topology.testing.MemorySink;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Node and store names name changelogs and state directories: renaming one orphans data. */
class TopologyShapeTest {
    static final Indexer EMPTY = new Indexer() {
        @Override
        public String name() {
            return "empty";
        }

        @Override
        public List<EntityDefinition<?>> entities() {
            return List.of();
        }

        @Override
        public void registerHandlers(HandlerRegistry registry) {
        }
    };

    @Test
    void describeMatchesTheSnapshot() {
        String described = TidewaterTopology.build(new TidewaterConfig(Map.of()), EMPTY, TopologyPorts.of(MemorySink.automatic()))
                .describe().toString();
        assertThat(described.trim()).isEqualTo("""
                Topologies:
                   Sub-topology: 0
                    Source: tidewater-input (topics: [tidewater.input])
                      --> tidewater-indexer
                    Processor: tidewater-indexer (stores: [tidewater-dirty, tidewater-entities, tidewater-undo-log, tidewater-block-hashes, tidewater-chains, tidewater-entity-index])
                      --> tidewater-dead-letters
                      <-- tidewater-input
                    Sink: tidewater-dead-letters (topic: tidewater.dead-letters)
                      <-- tidewater-indexer""".trim());
    }
}
