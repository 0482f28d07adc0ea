package io.tidewater.app.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidewater.app.embedded.EmbeddedKafka;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Which open transactions the watch aborts, against a real broker, with the clock in the test's hands. */
@Tag("e2e")
class HangingTransactionWatchTest {
    private static final String TOPIC = "app-store-changelog";
    private static final Duration ABORT_AFTER = Duration.ofMinutes(2);
    private long now;

    @Test
    void abortsOnlyATransactionNoCoordinatorIsEndingAndOnlyOnceItHeldTheRestoreLongEnough() throws Exception {
        TopicPartition unknown = new TopicPartition(TOPIC, 0);
        TopicPartition live = new TopicPartition(TOPIC, 1);
        TopicPartition notRestoring = new TopicPartition(TOPIC, 2);
        try (EmbeddedKafka kafka = new EmbeddedKafka(Map.of("transaction.partition.verification.enable", "false")).start();
                Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()));
                KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        kafka.bootstrapServers(), ProducerConfig.TRANSACTIONAL_ID_CONFIG, "live",
                        ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 300_000), new StringSerializer(), new StringSerializer())) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 3, (short) 1))).all().get();
            UnknownTransactions.open(kafka.bootstrapServers(), unknown, 700_000L);
            UnknownTransactions.open(kafka.bootstrapServers(), notRestoring, 700_001L);
            // A transaction its coordinator knows and will end (here only after 5 minutes).
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(TOPIC, live.partition(), "k", "v")).get();

            HangingTransactionWatch watch = new HangingTransactionWatch(Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers())),
                    ABORT_AFTER, () -> now);
            try {
                watch.onRestoreStart(unknown, "store", 0, 1);
                watch.onRestoreStart(live, "store", 0, 1);

                assertThat(watch.check()).as("first seen").isEmpty();
                now += ABORT_AFTER.toNanos() - 1;
                assertThat(watch.check()).as("not held long enough yet").isEmpty();
                now += 1;
                assertThat(watch.check()).containsExactly(unknown + " 700000/0 at 0");
                assertThat(stable(admin, unknown)).isEqualTo(2);

                now += ABORT_AFTER.toNanos() * 10;
                assertThat(watch.check()).as("a transaction in progress at its coordinator, and one no restore waits on").isEmpty();
                assertThat(stable(admin, live)).isZero();
                assertThat(stable(admin, notRestoring)).isZero();
            } finally {
                watch.close();
            }
            producer.commitTransaction();
            // The coordinator writes the markers after it answered the commit.
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (stable(admin, live) < 2 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(stable(admin, live)).as("the live transaction, committed by its producer").isEqualTo(2);
        }
    }

    private static long stable(Admin admin, TopicPartition tp) throws Exception {
        return admin.listOffsets(Map.of(tp, OffsetSpec.latest()), new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get()
                .get(tp).offset();
    }
}
