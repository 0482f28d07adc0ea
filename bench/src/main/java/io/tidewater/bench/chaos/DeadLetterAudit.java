package io.tidewater.bench.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads the whole dead-letter topic as a downstream consumer would ({@code read_committed}: a
 * killed or fenced instance's aborted dead letters do not count) and matches it against the
 * injected poison: each injected record exactly once, with its category, field and a reason;
 * nothing else.
 */
final class DeadLetterAudit {
    static final String TOPIC = "tidewater.dead-letters";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Per poison category, how many were injected and how many came back as expected. */
    record Result(int injected, int found, Map<String, int[]> byCategory, List<String> problems) {
        boolean exact() {
            return problems.isEmpty() && injected == found;
        }
    }

    private DeadLetterAudit() {
    }

    static Result run(String bootstrapServers, List<PoisonPills.Poison> injected) throws IOException {
        List<JsonNode> letters = readAll(bootstrapServers);
        Map<String, List<PoisonPills.Poison>> byPayload = new HashMap<>();
        Map<String, int[]> byCategory = new TreeMap<>();
        for (PoisonPills.Poison p : injected) {
            byPayload.computeIfAbsent(p.value(), v -> new ArrayList<>()).add(p);
            byCategory.computeIfAbsent(p.name(), n -> new int[2])[0]++;
        }
        List<String> problems = new ArrayList<>();
        int found = 0;
        for (JsonNode d : letters) {
            String payload = d.path("payload").asText();
            List<PoisonPills.Poison> candidates = byPayload.get(payload);
            if (candidates == null || candidates.isEmpty()) {
                problems.add("unexpected dead letter (not injected, or one too many): " + abbreviate(d.toString()));
                continue;
            }
            PoisonPills.Poison p = candidates.remove(0);
            String category = d.path("category").asText();
            String field = d.path("field").asText(null);
            String reason = d.path("reason").asText("");
            if (!category.equals(p.deadLetterCategory())) {
                problems.add(p.name() + ": category " + category + ", expected " + p.deadLetterCategory() + ": " + reason);
            } else if (p.field() != null && !p.field().equals(field)) {
                problems.add(p.name() + ": field " + field + ", expected " + p.field() + ": " + reason);
            } else if (reason.isBlank()) {
                problems.add(p.name() + ": no reason given");
            } else {
                found++;
                byCategory.get(p.name())[1]++;
            }
        }
        byPayload.values().stream().flatMap(List::stream)
                .forEach(p -> problems.add(p.name() + ": injected but not dead-lettered: " + abbreviate(p.value())));
        return new Result(injected.size(), found, byCategory, problems);
    }

    private static List<JsonNode> readAll(String bootstrapServers) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(TOPIC, Duration.ofSeconds(30)).stream()
                    .map(i -> new TopicPartition(TOPIC, i.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp)) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    out.add(MAPPER.readTree(r.value()));
                }
            }
        }
        return out;
    }

    private static String abbreviate(String s) {
        return s.length() <= 300 ? s : s.substring(0, 300) + "...";
    }
}
