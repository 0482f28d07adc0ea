package io.tidewater.app.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidewater.app.config.AppConfig;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StreamsSettingsTest {
    @TempDir
    Path stateDir;

    @Test
    void theRecordCacheIsOnUnderExactlyOnceOnly() {
        assertThat(settings("exactly_once_v2", Map.of()).get(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG)).isEqualTo(1024 * 1024);
        assertThat(settings("at_least_once", Map.of()).get(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG)).isEqualTo(0);
    }

    @Test
    void noOverrideBringsTheRecordCacheBackUnderAtLeastOnce() {
        Map<String, String> cache = Map.of(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, "10485760");
        assertThat(settings("at_least_once", cache).get(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG)).isEqualTo(0);
        assertThat(settings("exactly_once_v2", Map.of(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, "at_least_once"))
                .get(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG)).isEqualTo(0);
        assertThat(settings("exactly_once_v2", cache).get(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG)).isEqualTo("10485760");
    }

    @Test
    void kafkaOverridesComeLast() {
        Properties p = settings("exactly_once_v2", Map.of(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "250"));
        assertThat(p.get(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG)).isEqualTo("250");
        assertThat(p.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).isEqualTo("exactly_once_v2");
    }

    private Properties settings(String guarantee, Map<String, String> overrides) {
        return StreamsSettings.of(new AppConfig(Map.of(AppConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9092",
                AppConfig.STATE_DIR_CONFIG, stateDir.toString(), AppConfig.PROCESSING_GUARANTEE_CONFIG, guarantee)), overrides);
    }
}
