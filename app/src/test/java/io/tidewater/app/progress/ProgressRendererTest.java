package io.tidewater.app.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressRendererTest {
    private static final ProgressSnapshot BEFORE = new ProgressSnapshot(List.of(
            new ChainProgress(10, 900, ChainProgress.NONE, 1_000),
            new ChainProgress(1, 12_000, 11_990, 50_000)), 140, 1, 0);
    private static final ProgressSnapshot NOW = new ProgressSnapshot(List.of(
            new ChainProgress(1, 12_345, 12_300, 58_512),
            new ChainProgress(10, 905, 900, 1_120),
            new ChainProgress(137, ChainProgress.NONE, ChainProgress.NONE, 0)), 120, 3, 2);

    @Test
    void tableShowsEachChainWithRatesFromThePreviousSnapshot() {
        List<String> lines = ProgressRenderer.table(BEFORE, NOW, Duration.ofSeconds(2));

        assertThat(lines).containsExactly(
                "   chain         head      written    behind    events/s      dirty",
                "       1        12345        12300        45     4,256.0           ",
                "      10          905          900         5        60.0           ",
                "     137            -            -         -           -           ",
                "   total                                         4,316.0        120   events 59,632, reorgs 3, dead letters 2");
    }

    @Test
    void firstFrameHasNoRates() {
        List<String> lines = ProgressRenderer.table(null, BEFORE, Duration.ZERO);

        assertThat(lines.get(1)).isEqualTo("       1        12000        11990        10           -           ");
        assertThat(lines.get(2)).isEqualTo("      10          900            -       900           -           ");
        assertThat(lines.get(3)).startsWith("   total                                               -        140");
    }

    @Test
    void lineIsOneSelfContainedLogLine() {
        assertThat(ProgressRenderer.line(BEFORE, NOW, Duration.ofMillis(500))).isEqualTo(
                "progress: chain 1 head 12345 written 12300 17,024.0 ev/s"
                        + " | chain 10 head 905 written 900 240.0 ev/s"
                        + " | chain 137 head - written - - ev/s"
                        + " | events 59,632, dirty 120, reorgs 3, dead letters 2");
        assertThat(ProgressRenderer.line(null, ProgressSnapshot.EMPTY, Duration.ZERO))
                .isEqualTo("progress: no chains yet | events 0, dirty 0, reorgs 0, dead letters 0");
    }
}
