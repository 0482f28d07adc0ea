package io.tidewater.topology.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class FaultInjectorTest {
    private static FaultInjector armed(String spec) {
        return FaultInjector.fromEnvironment(Map.of(FaultInjector.ENVIRONMENT_VARIABLE, spec));
    }

    @Test
    void offUnlessTheVariableNamesPoints() {
        assertThat(FaultInjector.fromEnvironment(Map.of())).isSameAs(FaultInjector.NONE);
        assertThat(FaultInjector.NONE.isArmed()).isFalse();
        assertThat(FaultInjector.NONE.stall(FaultInjector.Point.STALL_BEFORE_BATCH, "batch")).isFalse();
        assertThat(FaultInjector.NONE.hasStalled()).isFalse();
    }

    @Test
    void aStallPointStallsOnItsHitOnlyAndForAtMostItsTime() {
        FaultInjector faults = armed("stall-before-batch:2:0.3");
        assertThat(faults.isArmed()).isTrue();

        assertThat(faults.stall(FaultInjector.Point.STALL_BEFORE_BATCH, "batch 1")).isFalse();
        assertThat(faults.hasStalled()).isFalse();
        long start = System.nanoTime();
        assertThat(faults.stall(FaultInjector.Point.STALL_BEFORE_BATCH, "batch 2")).isTrue();
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(millis).isBetween(250L, 5_000L);
        assertThat(faults.hasStalled()).isTrue();
        assertThat(faults.stall(FaultInjector.Point.STALL_BEFORE_BATCH, "batch 3")).isFalse();
    }

    @Test
    void stallAndHaltPointsAreNotInterchangeable() {
        FaultInjector faults = armed("stall-before-batch:1,after-pg-commit:5");
        assertThatThrownBy(() -> faults.hit(FaultInjector.Point.STALL_BEFORE_BATCH)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> faults.stall(FaultInjector.Point.AFTER_PG_COMMIT, "x")).isInstanceOf(IllegalArgumentException.class);
        // Only a stall takes a time.
        assertThatThrownBy(() -> armed("after-pg-commit:1:5")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> armed("nowhere:1")).isInstanceOf(IllegalArgumentException.class);
        assertThat(FaultInjector.Point.STALL_BEFORE_BATCH.halts()).isFalse();
        assertThat(FaultInjector.Point.MID_PG_TRANSACTION.halts()).isTrue();
    }
}
