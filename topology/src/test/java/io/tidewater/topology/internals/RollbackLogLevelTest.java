package io.tidewater.topology.internals;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

class RollbackLogLevelTest {
    @Test
    void routineRollbacksAreDebugOnly() {
        assertThat(RollbackLogLevel.of(1, 12, 200)).isEqualTo(Level.DEBUG);
        assertThat(RollbackLogLevel.of(10, 100, 200)).isEqualTo(Level.DEBUG);
        assertThat(RollbackLogLevel.of(100, RollbackLogLevel.MANY_CHANGES - 1, 200)).isEqualTo(Level.DEBUG);
    }

    @Test
    void oneThatUndoesManyChangesIsInfo() {
        assertThat(RollbackLogLevel.of(2, RollbackLogLevel.MANY_CHANGES, 200)).isEqualTo(Level.INFO);
    }

    @Test
    void oneBeyondHalfTheThresholdIsAWarning() {
        assertThat(RollbackLogLevel.of(101, 5, 200)).isEqualTo(Level.WARN);
        assertThat(RollbackLogLevel.of(3, 5, 4)).isEqualTo(Level.WARN);
    }
}
