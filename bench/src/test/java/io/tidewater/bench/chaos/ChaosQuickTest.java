package io.tidewater.bench.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quick chaos run, as CI runs it: kills at random and at every injection point, a wiped
 * state directory, a Postgres stop and hang, a rebalance and a zombie, with poison pills in the
 * input. Every episode must end with the tables equal to the reference, and the zombie's stale
 * batch must have been tried and refused.
 */
@Tag("chaos")
class ChaosQuickTest {
    @TempDir
    Path dir;

    @Test
    void everyFaultOfTheQuickRunEndsConsistentWithEveryPoisonPillDeadLettered() throws Exception {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(captured, true, StandardCharsets.UTF_8);
        ChaosPlan plan = ChaosPlan.quick(20261124L);

        ChaosReport report = new ChaosRun(plan, dir, new Tee(out, System.out), Duration.ofSeconds(120)).execute();
        report.print(out);
        String text = captured.toString(StandardCharsets.UTF_8);

        int n = plan.episodes().size();
        assertThat(text).as(text).contains(n + "/" + n + " consistent");
        assertThat(report.progressViolations()).as(text).isEmpty();
        assertThat(report.deadLetters().problems()).as(text).isEmpty();
        assertThat(report.deadLetters().found()).as(text).isEqualTo(report.workload().poison().size()).isPositive();
        assertThat(report.deadLetters().byCategory()).as("every category injected").hasSize(PoisonPills.categories());
        // The zombie froze holding a batch, the successor wrote beyond it, and the resumed zombie's try was refused.
        assertThat(report.zombies()).as(text).isNotEmpty().allSatisfy(z -> {
            assertThat(z.held()).as("froze holding a batch").isTrue();
            assertThat(z.stale()).as("the successor wrote beyond it").isTrue();
            assertThat(z.heldOutcome()).as("the held batch after the resume").isEqualTo("refused");
        });
        assertThat(report.staleAccepted()).as(text).isZero();
        assertThat(report.staleRefused()).as(text).isEqualTo(report.staleAttempted()).isPositive();
        assertThat(report.finalStop()).isEqualTo("exit 0");
        assertThat(report.passed()).isTrue();
    }

    /** The run's lines go to the report under test and to the console, so a CI log shows progress. */
    private static final class Tee extends PrintStream {
        private final PrintStream second;

        Tee(PrintStream first, PrintStream second) {
            super(first, true, StandardCharsets.UTF_8);
            this.second = second;
        }

        @Override
        public void write(byte[] buf, int off, int len) {
            super.write(buf, off, len);
            second.write(buf, off, len);
        }
    }
}
