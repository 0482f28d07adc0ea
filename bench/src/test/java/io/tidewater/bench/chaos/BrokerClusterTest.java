package io.tidewater.bench.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The three-broker cluster of the chaos harness: leaders and the controller are found, and move when their broker goes. */
@Tag("chaos")
class BrokerClusterTest {
    @TempDir
    Path dir;

    @Test
    void aKilledLeaderAndAStoppedControllerHandOverAndTheClusterHealsToAFullIsr() throws Exception {
        try (BrokerCluster cluster = BrokerCluster.start(dir)) {
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", cluster.bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic("t", 3, (short) -1))).all().get(30, TimeUnit.SECONDS);
            }
            assertThat(cluster.view().topicsNotReplicated(3, 2)).isEmpty();
            assertThat(cluster.heal(Duration.ofSeconds(60))).isEmpty();

            int leader = awaitPresent(() -> cluster.view().leaderOf("t", 0));
            cluster.broker(leader).kill();
            int next = awaitPresent(() -> {
                OptionalInt l = cluster.view().leaderOf("t", 0);
                return l.isPresent() && l.getAsInt() != leader ? l : OptionalInt.empty();
            });
            assertThat(next).isNotEqualTo(leader);
            assertThat(cluster.running()).doesNotContain(leader).hasSize(2);
            assertThat(cluster.heal(Duration.ofSeconds(120))).isEmpty();

            int controller = awaitPresent(() -> cluster.view().activeController());
            assertThat(cluster.broker(controller).stopCleanly(60)).isTrue();
            int successor = awaitPresent(() -> {
                OptionalInt c = cluster.view().activeController();
                return c.isPresent() && c.getAsInt() != controller ? c : OptionalInt.empty();
            });
            assertThat(successor).isNotEqualTo(controller);
            assertThat(cluster.heal(Duration.ofSeconds(120))).isEmpty();
            assertThat(cluster.running()).containsExactly(1, 2, 3);
            assertThat(cluster.broker(leader).starts()).isEqualTo(2);
        }
    }

    private static int awaitPresent(java.util.function.Supplier<OptionalInt> query) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            OptionalInt v = query.get();
            if (v.isPresent()) {
                return v.getAsInt();
            }
            Thread.sleep(250);
        }
        throw new AssertionError("no answer within 60 s");
    }
}
