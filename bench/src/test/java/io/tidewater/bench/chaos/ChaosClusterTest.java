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
 * The cluster mode, short: three broker processes, an ingester following a fake node, and one
 * fault, the leader of an input partition killed five times in a row while both produce. The
 * app stays up and its Streams client RUNNING, the tables equal the reference, the ingested
 * chain has no gap, and every topic has three replicas and min.insync.replicas 2.
 */
@Tag("chaos")
class ChaosClusterTest {
    @TempDir
    Path dir;

    @Test
    void theAppAndTheIngesterRideOutAHardBouncedLeaderOnAThreeBrokerCluster() throws Exception {
        ChaosPlan plan = ChaosPlan.quick(20261202L);
        for (FaultKind kind : FaultKind.values()) {
            plan = plan.withCount(kind, 0);
        }
        plan = plan.withBrokerFaults(0).withCount(FaultKind.LEADER_HARD_BOUNCE, 1);
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(captured, true, StandardCharsets.UTF_8);

        ChaosReport report = new ChaosRun(plan, dir, out, Duration.ofSeconds(180)).execute();
        report.print(out);
        String text = captured.toString(StandardCharsets.UTF_8);

        assertThat(report.episodes()).as(text).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(FaultKind.LEADER_HARD_BOUNCE);
            assertThat(e.consistent()).as(e.mismatch()).isTrue();
            assertThat(e.appExits()).as("the app stays up through one broker's loss").isEmpty();
            assertThat(e.ingesterExits()).as("so does the ingester").isEmpty();
            assertThat(e.note()).contains("restarted 5 times").contains("Streams RUNNING").contains("cluster whole again");
        });
        assertThat(report.unreplicatedTopics()).as(text).isEmpty();
        assertThat(report.ingested().logs()).as(text).isPositive();
        assertThat(report.ingested().gaps()).as(text).isEmpty();
        assertThat(report.ingested().violations()).as(text).isEmpty();
        assertThat(report.progressViolations()).as(text).isEmpty();
        assertThat(report.deadLetters().problems()).as(text).isEmpty();
        assertThat(report.finalStop()).as(text).isEqualTo("exit 0");
        assertThat(report.passed()).as(text).isTrue();
    }
}
