package io.tidewater.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidewater.sink.PostgresSinkConfig;
import io.tidewater.topology.TidewaterConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The documented example config names every key the code defines, and loads as it is. */
class ExampleConfigTest {
    static final Path EXAMPLE = Path.of("..", "deploy", "tidewater.properties");
    static final List<ConfigDef> DEFINITIONS = List.of(AppConfig.CONFIG, TidewaterConfig.CONFIG, PostgresSinkConfig.configDef());

    @TempDir
    Path dir;

    @Test
    void everyKeyIsDocumentedAndNoInternalOne() throws Exception {
        String text = Files.readString(EXAMPLE);
        for (ConfigDef def : DEFINITIONS) {
            for (ConfigDef.ConfigKey key : def.configKeys().values()) {
                if (key.internalConfig) {
                    assertThat(text).as("deploy/tidewater.properties leaves out the internal " + key.name).doesNotContain(key.name);
                } else {
                    assertThat(text).as("deploy/tidewater.properties documents " + key.name)
                            .containsPattern("(?m)^#?" + key.name.replace(".", "\\.") + "(\\.file)?=");
                }
            }
        }
    }

    @Test
    void theExampleLoads() throws Exception {
        Path secret = Files.writeString(dir.resolve("jdbc-password"), "s3cret\n");
        Path config = Files.writeString(dir.resolve("tidewater.properties"),
                Files.readString(EXAMPLE).replace("/etc/tidewater/secret/jdbc-password", secret.toString()));

        LoadedConfig loaded = new ConfigLoader(DEFINITIONS, Map.of()).load(config);

        assertThat(loaded.as(PostgresSinkConfig::new).jdbcPassword().value()).isEqualTo("s3cret");
        assertThat(loaded.as(TidewaterConfig::new).reorgThreshold()).isEqualTo(200);
        assertThat(loaded.as(AppConfig::new).processingGuarantee()).isEqualTo("exactly_once_v2");
        assertThat(loaded.toString()).doesNotContain("s3cret");
    }
}
