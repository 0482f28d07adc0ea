package io.tidewater.topology.internals.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidewater.topology.TidewaterConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FaultConfigTest {
    @TempDir
    Path dir;

    private static FaultHook armed(String spec) {
        return new TidewaterConfig(Map.of(FaultConfig.FAULTS_CONFIG, spec)).faults();
    }

    @Test
    void offUnlessAKeyIsSet() {
        FaultHook none = new TidewaterConfig(Map.of()).faults();

        assertThat(none).isSameAs(FaultHook.NONE);
        assertThat(none.stall(FaultPoint.STALL_BEFORE_BATCH, Map.of())).isFalse();
        assertThat(none.hasStalled()).isFalse();
    }

    @Test
    void theKeysAreInternalNotDocumented() {
        for (String key : List.of(FaultConfig.FAULTS_CONFIG, FaultConfig.SIGNALS_PATH_CONFIG)) {
            ConfigDef.ConfigKey k = TidewaterConfig.CONFIG.configKeys().get(key);
            assertThat(k.internalConfig).as(key).isTrue();
            assertThat(k.documentation).as(key).startsWith("Internal, for reliability tests only.");
            assertThat(TidewaterConfig.CONFIG.toHtml()).doesNotContain(key);
        }
    }

    @Test
    void aStallPointStallsOnItsHitOnlyAndForAtMostItsTimeAndSignalsBothEnds() throws Exception {
        Path signals = dir.resolve("signals.jsonl");
        FaultHook faults = new TidewaterConfig(Map.of(FaultConfig.FAULTS_CONFIG, "stall-before-batch:2:0.3",
                FaultConfig.SIGNALS_PATH_CONFIG, signals.toString())).faults();

        assertThat(faults.stall(FaultPoint.STALL_BEFORE_BATCH, Map.of("offset", 1))).isFalse();
        assertThat(faults.hasStalled()).isFalse();
        long start = System.nanoTime();
        assertThat(faults.stall(FaultPoint.STALL_BEFORE_BATCH, Map.of("offset", 2))).isTrue();
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(millis).isBetween(250L, 5_000L);
        assertThat(faults.hasStalled()).isTrue();
        assertThat(faults.stall(FaultPoint.STALL_BEFORE_BATCH, Map.of("offset", 3))).isFalse();

        List<String> lines = Files.readAllLines(signals);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith("{\"signal\":\"stalled\",").contains("\"offset\":2", "\"point\":\"stall-before-batch\"");
        assertThat(lines.get(1)).startsWith("{\"signal\":\"resumed\",").contains("\"offset\":2", "\"frozenMillis\":0");
    }

    @Test
    void signalsWithoutFaultsOnlyReport() throws Exception {
        Path signals = dir.resolve("signals.jsonl");
        FaultHook faults = new TidewaterConfig(Map.of(FaultConfig.SIGNALS_PATH_CONFIG, signals.toString())).faults();

        faults.hit(FaultPoint.MID_ROLLBACK);
        faults.signal("streams-state", Map.of("from", "REBALANCING", "to", "RUNNING"));

        assertThat(Files.readAllLines(signals)).singleElement().asString()
                .startsWith("{\"signal\":\"streams-state\",").contains("\"to\":\"RUNNING\"");
    }

    @Test
    void stallAndHaltPointsAreNotInterchangeableAndAMalformedSpecNamesTheKey() {
        FaultHook faults = armed("stall-before-batch:1,after-pg-commit:5");
        assertThatThrownBy(() -> faults.hit(FaultPoint.STALL_BEFORE_BATCH)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> faults.stall(FaultPoint.AFTER_PG_COMMIT, Map.of())).isInstanceOf(IllegalArgumentException.class);
        // Only a stall takes a time.
        assertThatThrownBy(() -> armed("after-pg-commit:1:5")).isInstanceOf(ConfigException.class)
                .hasMessageContaining(FaultConfig.FAULTS_CONFIG);
        assertThatThrownBy(() -> armed("nowhere:1")).isInstanceOf(ConfigException.class).hasMessageContaining("nowhere");
        assertThatThrownBy(() -> armed("mid-rollback:x")).isInstanceOf(ConfigException.class).hasMessageContaining("not a number");
        assertThat(FaultPoint.STALL_BEFORE_BATCH.halts()).isFalse();
        assertThat(FaultPoint.MID_PG_TRANSACTION.halts()).isTrue();
    }
}
