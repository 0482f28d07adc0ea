package io.tidewater.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidewater.topology.TidewaterConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    /** Stands in for the sink's ConfigDef, with a password and a key containing a dash. */
    private static final ConfigDef SINK = new ConfigDef()
            .define("jdbc.url", Type.STRING, "jdbc:postgresql://localhost/postgres", Importance.HIGH, "url")
            .define("jdbc.password", Type.PASSWORD, null, Importance.HIGH, "password")
            .define("sink.retry-backoff.ms", Type.LONG, 100L, ConfigDef.Range.atLeast(0), Importance.LOW, "backoff");

    @TempDir
    Path dir;

    private ConfigLoader loader(Map<String, String> env) {
        return new ConfigLoader(List.of(AppConfig.CONFIG, TidewaterConfig.CONFIG, SINK), env);
    }

    private Path file(String content) throws IOException {
        Path f = dir.resolve("tidewater.properties");
        Files.writeString(f, content);
        return f;
    }

    @Test
    void fileOnlyGivesTypedConfigsWithDefaults() throws IOException {
        LoadedConfig loaded = loader(Map.of()).load(file("""
                bootstrap.servers=broker-1:9092,broker-2:9092
                batch.interval.ms=250
                http.port=-1
                kafka.security.protocol=SASL_SSL
                """));

        AppConfig app = loaded.as(AppConfig::new);
        TidewaterConfig topology = loaded.as(TidewaterConfig::new);
        assertThat(app.bootstrapServers()).isEqualTo("broker-1:9092,broker-2:9092");
        assertThat(app.applicationId()).isEqualTo("tidewater");
        assertThat(app.processingGuarantee()).isEqualTo("exactly_once_v2");
        assertThat(app.httpEnabled()).isFalse();
        assertThat(app.indexerClass()).isEmpty();
        assertThat(topology.batchIntervalMs()).isEqualTo(250L);
        assertThat(topology.reorgThreshold()).isEqualTo(200);
        assertThat(loaded.kafkaProperties()).containsExactlyEntriesOf(Map.of("security.protocol", "SASL_SSL"));
        assertThat(loaded.warnings()).isEmpty();
    }

    @Test
    void environmentOverridesTheFileKeyByKey() throws IOException {
        Path f = file("""
                bootstrap.servers=from-file:9092
                batch.interval.ms=250
                """);
        LoadedConfig loaded = loader(Map.of(
                "TIDEWATER_BATCH_INTERVAL_MS", "750",
                "TIDEWATER_JDBC_PASSWORD", "s3cret",
                "TIDEWATER_SINK_RETRY_BACKOFF_MS", "5",
                "TIDEWATER_KAFKA_SASL_MECHANISM", "PLAIN",
                "PATH", "/usr/bin")).load(f);

        assertThat(loaded.as(AppConfig::new).bootstrapServers()).isEqualTo("from-file:9092");
        assertThat(loaded.as(TidewaterConfig::new).batchIntervalMs()).isEqualTo(750L);
        assertThat(loaded.values()).containsEntry("jdbc.password", "s3cret").containsEntry("sink.retry-backoff.ms", "5");
        assertThat(loaded.kafkaProperties()).containsEntry("sasl.mechanism", "PLAIN");
        assertThat(loaded.origin("batch.interval.ms")).isEqualTo("environment variable TIDEWATER_BATCH_INTERVAL_MS");
        assertThat(loaded.origin("bootstrap.servers")).contains("tidewater.properties");
        assertThat(loaded.toString()).contains("jdbc.password=[hidden]").doesNotContain("s3cret");
    }

    @Test
    void secretsComeFromFilesInThePropertiesOrTheEnvironment() throws IOException {
        Path password = dir.resolve("password");
        Files.writeString(password, "pa ss\n");
        Path jaas = dir.resolve("jaas");
        Files.writeString(jaas, "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"u\" password=\"p\";\n");
        Path f = file("bootstrap.servers=b:9092\njdbc.password.file=" + password + "\n");

        LoadedConfig loaded = loader(Map.of("TIDEWATER_KAFKA_SASL_JAAS_CONFIG_FILE", jaas.toString())).load(f);

        Password typed = new SinkView(loaded.values()).getPassword("jdbc.password");
        assertThat(typed.value()).isEqualTo("pa ss");
        assertThat(loaded.kafkaProperties().get("sasl.jaas.config")).endsWith("password=\"p\";");
        assertThat(loaded.toString()).doesNotContain("pa ss").doesNotContain("password=\"p\"");

        LoadedConfig fromEnvFile = loader(Map.of("TIDEWATER_JDBC_PASSWORD_FILE", password.toString()))
                .load(Map.of("bootstrap.servers", "b:9092"), "test options");
        assertThat(fromEnvFile.values()).containsEntry("jdbc.password", "pa ss");
    }

    @Test
    void missingSecretFileNamesTheKeyAndTheFile() throws IOException {
        Path f = file("bootstrap.servers=b:9092\njdbc.password.file=" + dir.resolve("nope") + "\n");
        assertThatThrownBy(() -> loader(Map.of()).load(f))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'jdbc.password'").hasMessageContaining("nope");
    }

    @Test
    void unknownKeyIsOneLineNamingItWithASuggestion() throws IOException {
        Path f = file("bootstrap.servers=b:9092\nbatch.intervall.ms=100\n");
        assertThatThrownBy(() -> loader(Map.of()).load(f))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("unknown config key 'batch.intervall.ms'")
                .hasMessageEndingWith("did you mean 'batch.interval.ms'?")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void badValueNamesTheKeyAndItsOrigin() throws IOException {
        Path f = file("bootstrap.servers=b:9092\nreorg.threshold=lots\n");
        assertThatThrownBy(() -> loader(Map.of()).load(f))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("reorg.threshold").hasMessageContaining("lots")
                .hasMessageContaining("tidewater.properties");

        assertThatThrownBy(() -> loader(Map.of("TIDEWATER_PROCESSING_GUARANTEE", "exactly_once"))
                .load(Map.of("bootstrap.servers", "b:9092"), "test options"))
                .hasMessageContaining("processing.guarantee")
                .hasMessageContaining("environment variable TIDEWATER_PROCESSING_GUARANTEE");
    }

    @Test
    void missingRequiredKeySaysHowToSetIt() {
        assertThatThrownBy(() -> loader(Map.of()).load(Map.of(), "test options"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("missing required config key 'bootstrap.servers': set it in test options or as TIDEWATER_BOOTSTRAP_SERVERS");
    }

    @Test
    void aKeySetTwiceInOneSourceIsRejected() throws IOException {
        Path secret = dir.resolve("pw");
        Files.writeString(secret, "x");
        assertThatThrownBy(() -> loader(Map.of("TIDEWATER_JDBC_PASSWORD", "a", "TIDEWATER_JDBC_PASSWORD_FILE", secret.toString()))
                .load(Map.of("bootstrap.servers", "b:9092"), "test options"))
                .hasMessageContaining("'jdbc.password' is set twice");
    }

    @Test
    void unknownTidewaterVariablesWarnButKubernetesServiceLinksAreIgnored() {
        LoadedConfig loaded = loader(Map.of(
                "TIDEWATER_BATCH_INTERVAL", "5",
                "TIDEWATER_SERVICE_HOST", "10.0.0.1",
                "TIDEWATER_PORT_8080_TCP_ADDR", "10.0.0.1",
                "TIDEWATER_PORT", "tcp://10.0.0.1:8080",
                "TIDEWATER_JAVA_OPTS", "-Xmx1g"))
                .load(Map.of("bootstrap.servers", "b:9092"), "test options");
        assertThat(loaded.warnings()).containsExactly(
                "ignoring environment variable TIDEWATER_BATCH_INTERVAL: it maps to no config key"
                        + " (did you mean TIDEWATER_BATCH_INTERVAL_MS?)");
    }

    @Test
    void keysThatCollideInTheEnvironmentAreRejectedUpFront() {
        ConfigDef clash = new ConfigDef()
                .define("a.b", Type.STRING, "", Importance.LOW, "")
                .define("a-b", Type.STRING, "", Importance.LOW, "");
        assertThatThrownBy(() -> new ConfigLoader(List.of(clash), Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("TIDEWATER_A_B");
    }

    @Test
    void environmentNamesFollowTheDocumentedRule() {
        assertThat(EnvironmentNames.of("jdbc.password")).isEqualTo("TIDEWATER_JDBC_PASSWORD");
        assertThat(EnvironmentNames.of("sink.retry-backoff.ms")).isEqualTo("TIDEWATER_SINK_RETRY_BACKOFF_MS");
        assertThat(EnvironmentNames.kafkaKey("TIDEWATER_KAFKA_SSL_TRUSTSTORE_LOCATION")).isEqualTo("kafka.ssl.truststore.location");
    }

    /** A typed view over the stand-in sink definition. */
    private static final class SinkView extends org.apache.kafka.common.config.AbstractConfig {
        SinkView(Map<?, ?> props) {
            super(SINK, props, false);
        }
    }
}
