package io.tidewater.app.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tidewater.app.config.AppConfig;
import io.tidewater.app.embedded.EmbeddedKafka;
import io.tidewater.app.embedded.EmbeddedPostgresServer;
import io.tidewater.examples.erc20.Erc20Indexer;
import io.tidewater.examples.erc20.reference.Erc20Tables;
import io.tidewater.examples.erc20.reference.JsonlReference;
import io.tidewater.examples.erc20.sim.ChainSimulator;
import io.tidewater.examples.erc20.sim.SimOptions;
import io.tidewater.sink.PostgresSinkConfig;
import io.tidewater.topology.TidewaterConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A transaction left open on a changelog partition, that no coordinator knows of (a hanging
 * transaction), holds the partition's last stable offset. Under exactly-once Kafka Streams restores
 * up to the log-end offset with a read_committed consumer, so a restore of that partition never
 * finishes: the client stays REBALANCING and its tasks never run, restart after restart (finding 17,
 * after a partition leader was killed and restarted five times on the three-broker cluster). The
 * runtime aborts such a transaction once it has held a restore long enough and no coordinator is
 * ending it.
 */
@Tag("e2e")
class HangingTransactionRestoreTest {
    private static final String APP = "hanging";
    private static final String CHANGELOG = APP + "-tidewater-chains-changelog";

    @TempDir
    Path dir;

    @Test
    void aTransactionNoCoordinatorKnowsIsAbortedSoThatTheRestoreFinishes() throws Exception {
        ChainSimulator sim = new ChainSimulator(47, SimOptions.small(), false);
        List<String> all = new ArrayList<>();
        // Without verification the leader takes a transactional batch no coordinator knows of.
        try (EmbeddedKafka kafka = new EmbeddedKafka(Map.of("transaction.partition.verification.enable", "false")).start();
                EmbeddedPostgresServer postgres = EmbeddedPostgresServer.temporary().start();
                LineFeeder feeder = new LineFeeder(kafka.bootstrapServers(), "tidewater.input");
                Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            List<String> first = sim.generate(400);
            all.addAll(first);
            first.forEach(feeder::send);
            Map<Integer, Long> ends = feeder.flush();
            IndexerRuntime writer = IndexerRuntime.start(settings(kafka, postgres, "a"), new SimpleMeterRegistry());
            try {
                awaitCaughtUp(writer, ends);
            } finally {
                assertThat(writer.shutdown(Duration.ofMinutes(1))).isZero();
            }

            List<TopicPartition> changelog = admin.describeTopics(List.of(CHANGELOG)).allTopicNames().get().get(CHANGELOG).partitions()
                    .stream().map(p -> new TopicPartition(CHANGELOG, p.partition())).toList();
            for (TopicPartition tp : changelog) {
                UnknownTransactions.open(kafka.bootstrapServers(), tp, 900_000L + tp.partition());
            }
            assertThat(stuck(admin, changelog)).as("every changelog partition's LSO held below its end").isEqualTo(changelog);

            List<String> second = sim.generate(400);
            all.addAll(second);
            second.forEach(feeder::send);
            ends = feeder.flush();

            // A fresh state directory restores everything. Left alone, the restore never finishes.
            IndexerRuntime leftAlone = IndexerRuntime.start(settings(kafka, postgres, "b"), new SimpleMeterRegistry(), Duration.ofDays(1));
            try {
                long until = System.nanoTime() + Duration.ofSeconds(40).toNanos();
                while (System.nanoTime() < until) {
                    assertThat(leftAlone.state()).as("a restore held back by the hanging transactions").isNotEqualTo(KafkaStreams.State.RUNNING);
                    Thread.sleep(500);
                }
                assertThat(leftAlone.caughtUp(ends)).isFalse();
            } finally {
                leftAlone.shutdown(Duration.ofMinutes(1));
            }

            // Once they have held it long enough, and no coordinator is ending them, they are aborted.
            IndexerRuntime runtime = IndexerRuntime.start(settings(kafka, postgres, "c"), new SimpleMeterRegistry(), Duration.ofSeconds(3));
            try {
                awaitCaughtUp(runtime, ends);
                assertThat(runtime.state()).isEqualTo(KafkaStreams.State.RUNNING);
                assertThat(runtime.failure()).isEmpty();
            } finally {
                assertThat(runtime.shutdown(Duration.ofMinutes(1))).isZero();
            }
            assertThat(stuck(admin, changelog)).as("no changelog partition's LSO held back any more").isEmpty();

            Map<String, TreeMap<String, Map<String, Object>>> expected = JsonlReference.tables(all);
            Map<String, TreeMap<String, Map<String, Object>>> actual = Erc20Tables.dump(postgres.jdbcUrl(), postgres.user(),
                    postgres.password());
            assertThat(Erc20Tables.differences(expected, actual)).isEmpty();
        }
    }

    /** The partitions whose last stable offset is below their log-end offset. */
    private static List<TopicPartition> stuck(Admin admin, List<TopicPartition> partitions) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = partitions.stream().collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()));
        Map<TopicPartition, Long> lso = new HashMap<>();
        admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get().forEach((tp, i) -> lso.put(tp, i.offset()));
        Map<TopicPartition, Long> leo = new HashMap<>();
        admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_UNCOMMITTED)).all().get().forEach((tp, i) -> leo.put(tp, i.offset()));
        return partitions.stream().filter(tp -> lso.get(tp) < leo.get(tp)).toList();
    }

    private static void awaitCaughtUp(IndexerRuntime runtime, Map<Integer, Long> ends) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (!runtime.caughtUp(ends) && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(runtime.caughtUp(ends)).as("caught up").isTrue();
    }

    private IndexerRuntime.Settings settings(EmbeddedKafka kafka, EmbeddedPostgresServer postgres, String stateName) {
        return new IndexerRuntime.Settings(
                new AppConfig(Map.of(AppConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                        AppConfig.APPLICATION_ID_CONFIG, APP, AppConfig.STATE_DIR_CONFIG, dir.resolve(stateName).toString())),
                new TidewaterConfig(Map.of(TidewaterConfig.INPUT_FORMAT_CONFIG, "json", TidewaterConfig.BATCH_INTERVAL_MS_CONFIG, 100)),
                new PostgresSinkConfig(Map.of(PostgresSinkConfig.JDBC_URL_CONFIG, postgres.jdbcUrl(),
                        PostgresSinkConfig.JDBC_USER_CONFIG, postgres.user())),
                // A closed client's members leave the group by their session's end: keep that short.
                Map.of("session.timeout.ms", "6000", "heartbeat.interval.ms", "1500"), new Erc20Indexer());
    }
}
