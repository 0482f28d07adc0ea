package io.tidewater.bench.chaos;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes workload lines to the input topic with the keys the workload chose (a poison pill may
 * carry a key that is not its chain id). Idempotent, as the chain-ingestion producers are.
 *
 * <p>The reference model assumes every line it read is on the topic, in order: so the topics
 * exist before the first send (a first run that let the broker create them on the fly saw its
 * producer stuck resending a batch the broker refused as out of sequence), one request is in
 * flight at a time, and every send is checked.
 */
final class InputFeeder implements AutoCloseable {
    static final String INPUT_TOPIC = "tidewater.input";
    static final int PARTITIONS = 3;

    private final KafkaProducer<String, String> producer;

    /**
     * @param replicationFactor of the input and dead-letter topics
     * @param minInsyncReplicas their {@code min.insync.replicas}
     */
    InputFeeder(String bootstrapServers, short replicationFactor, int minInsyncReplicas) {
        createTopics(bootstrapServers, replicationFactor, minInsyncReplicas);
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1,
                ProducerConfig.LINGER_MS_CONFIG, 5),
                new StringSerializer(), new StringSerializer());
    }

    private static void createTopics(String bootstrapServers, short replicationFactor, int minInsyncReplicas) {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
            Map<String, String> configs = Map.of("min.insync.replicas", Integer.toString(minInsyncReplicas));
            // Several input partitions, so a second instance takes some of them over.
            admin.createTopics(List.of(new NewTopic(INPUT_TOPIC, PARTITIONS, replicationFactor).configs(configs),
                    new NewTopic(DeadLetterAudit.TOPIC, 1, replicationFactor).configs(configs))).all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not create the chaos run's topics: " + e.getMessage(), e);
        }
    }

    void send(List<Workload.Line> lines) {
        List<Future<RecordMetadata>> sent = new ArrayList<>(lines.size());
        for (Workload.Line l : lines) {
            sent.add(producer.send(new ProducerRecord<>(INPUT_TOPIC, l.key(), l.value())));
        }
        producer.flush();
        try {
            for (Future<RecordMetadata> f : sent) {
                f.get();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("the input could not be produced, so no verdict is possible: " + e.getCause(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while producing input", e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
