package io.tidewater.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidewater.app.config.ConfigLoader;
import io.tidewater.app.config.LoadedConfig;
import io.tidewater.ingest.IngestConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The documented ingester config names every key the code defines, and loads as it is. */
class IngestConfigExampleTest {
    static final Path EXAMPLE = Path.of("..", "deploy", "ingest.properties");
    static final List<ConfigDef> DEFINITIONS = List.of(IngestConfig.CONFIG, IngestAppConfig.CONFIG);

    @TempDir
    Path dir;

    @Test
    void everyKeyIsDocumented() throws Exception {
        String text = Files.readString(EXAMPLE);
        for (ConfigDef def : DEFINITIONS) {
            for (String key : def.names()) {
                assertThat(text).as("deploy/ingest.properties documents " + key)
                        .containsPattern("(?m)^#?" + key.replace(".", "\\.") + "(\\.file)?=");
            }
        }
    }

    @Test
    void theExampleLoadsWithTheNodeUrlFromItsSecretFile() throws Exception {
        Path secret = Files.writeString(dir.resolve("rpc-url"), "https://node.example.org/v2/KEY\n");
        Path config = Files.writeString(dir.resolve("ingest.properties"),
                Files.readString(EXAMPLE).replace("/etc/tidewater/secret/rpc-url", secret.toString()));

        LoadedConfig loaded = new ConfigLoader(DEFINITIONS, Map.of()).load(config);

        IngestConfig ingest = loaded.as(IngestConfig::new);
        assertThat(ingest.rpcUrl()).isEqualTo("https://node.example.org/v2/KEY");
        assertThat(ingest.follow()).isTrue();
        assertThat(ingest.reorgThreshold()).isEqualTo(200);
        assertThat(loaded.toString()).doesNotContain("KEY");
    }
}
