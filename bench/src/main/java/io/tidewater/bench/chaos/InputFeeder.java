package io.tidewater.bench.chaos;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes workload lines to the input topic with the keys the workload chose (a poison pill may
 * carry a key that is not its chain id). Idempotent, as the chain-ingestion producers are.
 */
final class InputFeeder implements AutoCloseable {
    static final String INPUT_TOPIC = "tidewater.input";

    private final KafkaProducer<String, String> producer;

    InputFeeder(String bootstrapServers) {
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 5),
                new StringSerializer(), new StringSerializer());
    }

    void send(List<Workload.Line> lines) {
        for (Workload.Line l : lines) {
            producer.send(new ProducerRecord<>(INPUT_TOPIC, l.key(), l.value()));
        }
        producer.flush();
    }

    @Override
    public void close() {
        producer.close();
    }
}
