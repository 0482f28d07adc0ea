package io.tidewater.app.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.tidewater.app.config.AppConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

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

    /**
     * Every StreamsConfig the client builds, the partition assignor's included, sees the global
     * processing exception handler enabled, so none of them warns about it.
     */
    @Test
    void noStreamsConfigOfTheClientWarnsAboutTheGlobalThreadHandler() {
        ListAppender<ILoggingEvent> warnings = new ListAppender<>();
        Logger logger = (Logger) LoggerFactory.getLogger(StreamsConfig.class);
        warnings.start();
        logger.addAppender(warnings);
        try {
            Topology topology = new Topology();
            topology.addSource("source", "input");
            Properties props = settings("exactly_once_v2", Map.of());
            // Constructing the client builds its threads and their consumers (and so the assignor's
            // config); nothing connects until start().
            new KafkaStreams(topology, props).close(Duration.ZERO);
        } finally {
            logger.detachAppender(warnings);
        }

        assertThat(warnings.list).extracting(ILoggingEvent::getFormattedMessage)
                .noneMatch(m -> m.contains(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG));
    }

    private Properties settings(String guarantee, Map<String, String> overrides) {
        return StreamsSettings.of(new AppConfig(Map.of(AppConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9092",
                AppConfig.STATE_DIR_CONFIG, stateDir.toString(), AppConfig.PROCESSING_GUARANTEE_CONFIG, guarantee)), overrides);
    }
}
