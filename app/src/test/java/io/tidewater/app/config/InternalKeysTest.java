package io.tidewater.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidewater.sink.PostgresSinkConfig;
import io.tidewater.topology.TidewaterConfig;
import io.tidewater.topology.internals.faults.FaultConfig;
import io.tidewater.topology.internals.faults.FaultHook;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The fault hook's internal keys load like any key, from the environment too, so the loader has
 * nothing to warn about; and they arm the topology's and the sink's hooks alike.
 */
class InternalKeysTest {
    @Test
    void faultKeysFromTheEnvironmentArmTheHooksWithoutAWarning() {
        Map<String, String> env = Map.of("TIDEWATER_INTERNAL_FAULTS", "mid-rollback:3",
                "TIDEWATER_INTERNAL_FAULT_SIGNALS_PATH", "signals.jsonl");

        LoadedConfig loaded = new ConfigLoader(ExampleConfigTest.DEFINITIONS, env)
                .load(Map.of(AppConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9092", PostgresSinkConfig.JDBC_URL_CONFIG,
                        "jdbc:postgresql://localhost/x"), "test settings");

        assertThat(loaded.warnings()).isEmpty();
        assertThat(loaded.values()).containsEntry(FaultConfig.FAULTS_CONFIG, "mid-rollback:3");
        assertThat(loaded.as(TidewaterConfig::new).faults()).isNotSameAs(FaultHook.NONE);
        assertThat(loaded.as(PostgresSinkConfig::new).faults()).isNotSameAs(FaultHook.NONE);
    }

    @Test
    void withoutThemProductionRunsTheNoOpHook() {
        LoadedConfig loaded = new ConfigLoader(ExampleConfigTest.DEFINITIONS, Map.of())
                .load(Map.of(AppConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9092", PostgresSinkConfig.JDBC_URL_CONFIG,
                        "jdbc:postgresql://localhost/x"), "test settings");

        assertThat(loaded.as(TidewaterConfig::new).faults()).isSameAs(FaultHook.NONE);
        assertThat(loaded.as(PostgresSinkConfig::new).faults()).isSameAs(FaultHook.NONE);
    }
}
