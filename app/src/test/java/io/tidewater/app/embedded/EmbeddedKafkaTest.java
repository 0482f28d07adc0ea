package io.tidewater.app.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("e2e")
class EmbeddedKafkaTest {

    @Test
    void transactionalProducerIsSeenByReadCommittedConsumerAndAbortsAreNot() throws Exception {
        try (EmbeddedKafka kafka = new EmbeddedKafka().start()) {
            String bootstrap = kafka.bootstrapServers();
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
                admin.createTopics(List.of(new NewTopic("events", 2, (short) 1))).all().get();
                assertThat(admin.describeCluster().nodes().get()).hasSize(1);
            }

            try (KafkaProducer<String, String> producer = transactionalProducer(bootstrap)) {
                producer.initTransactions();
                producer.beginTransaction();
                producer.send(new ProducerRecord<>("events", "1", "a"));
                producer.send(new ProducerRecord<>("events", "10", "b"));
                producer.commitTransaction();

                producer.beginTransaction();
                producer.send(new ProducerRecord<>("events", "1", "aborted"));
                producer.flush();
                producer.abortTransaction();

                producer.beginTransaction();
                producer.send(new ProducerRecord<>("events", "1", "c"));
                producer.commitTransaction();
            }

            assertThat(readCommitted(bootstrap, "events", 3))
                    .containsExactlyInAnyOrder("1=a", "10=b", "1=c");
        }
    }

    @Test
    void closeDeletesDataAndForgetsAddress() {
        EmbeddedKafka kafka = new EmbeddedKafka().start();
        String bootstrap = kafka.bootstrapServers();
        assertThat(bootstrap).startsWith("127.0.0.1:");
        kafka.close();
        kafka.close();
        assertThatThrownBy(kafka::bootstrapServers).hasMessageContaining("not started");
    }

    private static KafkaProducer<String, String> transactionalProducer(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "embedded-kafka-test");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        return new KafkaProducer<>(p);
    }

    private static List<String> readCommitted(String bootstrap, String topic, int expected) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "embedded-kafka-test");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        List<String> seen = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            // Poll past the expected count for a moment, so a leaked aborted record would show.
            int extraPolls = 3;
            while (System.nanoTime() < deadline && (seen.size() < expected || extraPolls-- > 0)) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    seen.add(r.key() + "=" + r.value());
                }
            }
        }
        return seen;
    }
}
