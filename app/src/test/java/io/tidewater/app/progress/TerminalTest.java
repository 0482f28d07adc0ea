package io.tidewater.app.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TerminalTest {
    @Test
    void noConsoleMeansPlainLines() {
        assertThat(Terminal.isInteractive(null, Map.of("TERM", "xterm-256color"))).isFalse();
    }

    @Test
    void aDumbTerminalCannotRedraw() {
        // Under surefire there is no console; the TERM check must hold whatever the console says.
        assertThat(Terminal.isInteractive(System.console(), Map.of("TERM", "dumb"))).isFalse();
    }
}
