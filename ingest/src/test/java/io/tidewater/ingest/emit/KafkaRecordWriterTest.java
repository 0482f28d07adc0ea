package io.tidewater.ingest.emit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

class KafkaRecordWriterTest {

    /**
     * Two brokers of three down for 112 s (the chaos harness on a 3-broker cluster): with the
     * client's default delivery timeout the ingester gave up its batch after 120 s ("Expiring 1
     * record(s) ... 120013 ms has passed since batch creation") and exited; a batch given up while
     * later ones get through would be a gap. The producer now never gives a batch up.
     */
    @Test
    void batchesAreNeverGivenUpWhateverTheClientSettingsSay() {
        Map<String, Object> settings = KafkaRecordWriter.producerSettings(Map.of(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000,
                ProducerConfig.ACKS_CONFIG, "1", ProducerConfig.LINGER_MS_CONFIG, 50));

        assertThat(settings).containsEntry(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Integer.MAX_VALUE)
                .containsEntry(ProducerConfig.ACKS_CONFIG, "all").containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)
                .containsEntry(ProducerConfig.LINGER_MS_CONFIG, 50);
    }
}
