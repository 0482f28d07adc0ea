package io.tidewater.bench.perf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StreamsPropsTest {
    @AfterEach
    void clear() {
        System.clearProperty(StreamsProps.OVERRIDES_PROPERTY);
    }

    @Test
    void streamsOverridesReachEveryRunsPropertiesOverTheDefaults() {
        StreamsProps.addOverride("statestore.cache.max.bytes=4194304");
        StreamsProps.addOverride("commit.interval.ms=250");
        StreamsProps.addOverride("replication.factor=1");

        Properties p = StreamsProps.of("localhost:9092", "app");

        assertEquals("4194304", p.get(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG));
        assertEquals("250", p.get(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG));
        assertEquals(Map.of("statestore.cache.max.bytes", "4194304", "commit.interval.ms", "250", "replication.factor", "1"),
                StreamsProps.overrides());
    }

    @Test
    void anOverrideWithoutAValueIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> StreamsProps.addOverride("commit.interval.ms"));
        assertEquals(Map.of(), StreamsProps.overrides());
    }
}
