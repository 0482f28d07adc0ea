package io.tidewater.app.cli;

import static io.tidewater.app.cli.CliTestSupport.execute;
import static org.assertj.core.api.Assertions.assertThat;

import io.tidewater.app.ExitCode;
import io.tidewater.app.cli.CliTestSupport.Run;
import io.tidewater.app.embedded.EmbeddedKafka;
import io.tidewater.app.produce.ChainKeys;
import io.tidewater.serdes.InputCodec;
import io.tidewater.serdes.InputFormat;
import io.tidewater.serdes.JsonLines;
import io.tidewater.serdes.wire.InputRecord;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("e2e")
class ProduceCommandTest {
    private static EmbeddedKafka kafka;

    @TempDir
    Path dir;

    @BeforeAll
    static void startKafka() throws Exception {
        kafka = new EmbeddedKafka().start();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            admin.createTopics(List.of(
                    new NewTopic("sample", 3, (short) 1),
                    new NewTopic("json", 1, (short) 1),
                    new NewTopic("invalid", 1, (short) 1),
                    new NewTopic("skipping", 1, (short) 1))).all().get();
        }
    }

    @AfterAll
    static void stopKafka() {
        kafka.close();
    }

    @Test
    void producesTheSampleKeyedByChainWithEachChainOnOnePartitionInOrder() throws Exception {
        Path sample = sample();
        List<InputRecord> expected = Files.readAllLines(sample).stream().map(JsonLines::parse).toList();

        Run run = execute("produce", "--input", sample.toString(), "--bootstrap-servers", kafka.bootstrapServers(),
                "--topic", "sample");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.OK);
        assertThat(run.out()).contains("Produced 441 records to topic 'sample' as avro");
        List<ConsumerRecord<String, byte[]>> records = consume("sample", 441);
        assertThat(records).hasSize(441);

        InputCodec avro = new InputCodec(InputFormat.AVRO);
        Map<String, Integer> partitionOfChain = new HashMap<>();
        Map<String, List<InputRecord>> consumedPerChain = new LinkedHashMap<>();
        for (ConsumerRecord<String, byte[]> r : records) {
            InputRecord decoded = avro.decode(r.value());
            assertThat(r.key()).isEqualTo(Long.toString(ChainKeys.chainId(decoded)));
            assertThat(partitionOfChain.putIfAbsent(r.key(), r.partition())).isIn(null, r.partition());
            consumedPerChain.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(decoded);
        }
        Map<String, List<InputRecord>> expectedPerChain = new LinkedHashMap<>();
        expected.forEach(r -> expectedPerChain.computeIfAbsent(ChainKeys.key(r), k -> new ArrayList<>()).add(r));
        assertThat(consumedPerChain.keySet()).containsExactlyInAnyOrder("1", "10");
        expectedPerChain.forEach((chain, list) -> assertThat(consumedPerChain.get(chain)).containsExactlyElementsOf(list));
    }

    @Test
    void jsonFormatWritesTheCanonicalJsonLine() throws IOException {
        List<String> lines = Files.readAllLines(sample()).subList(0, 5);
        Path input = Files.write(dir.resolve("five.jsonl"), lines);

        Run run = execute("produce", "--input", input.toString(), "--bootstrap-servers", kafka.bootstrapServers(),
                "--topic", "json", "--format", "json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        List<ConsumerRecord<String, byte[]>> records = consume("json", 5);
        assertThat(records).extracting(r -> JsonLines.parse(r.value()))
                .containsExactlyElementsOf(lines.stream().map(JsonLines::parse).toList());
    }

    @Test
    void rawLogsTravelWithTheirTopicsAndData() throws IOException {
        String topic0 = "0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef";
        String raw = Files.readAllLines(sample()).get(0)
                .replaceFirst("\"event\":.*}}$", "\"topics\":[\"" + topic0 + "\"],\"data\":\"0x\"}");
        Path input = Files.write(dir.resolve("raw.jsonl"), List.of(raw));

        Run run = execute("produce", "--input", input.toString(), "--bootstrap-servers", kafka.bootstrapServers(),
                "--topic", "raw");

        assertThat(run.exitCode()).as(run.err()).isZero();
        InputRecord sent = new InputCodec(InputFormat.AVRO).decode(consume("raw", 1).get(0).value());
        assertThat(((io.tidewater.serdes.wire.LogEvent) sent.getBody()).getTopics()).containsExactly(topic0);
        assertThat(sent).isEqualTo(JsonLines.parse(raw));
    }

    @Test
    void malformedLineNamesLineAndFieldAndSendsNothing() throws Exception {
        List<String> lines = new ArrayList<>(Files.readAllLines(sample()).subList(0, 4));
        lines.add(2, "");
        lines.set(3, lines.get(3).replace("\"blockNumber\":1", "\"blockNumber\":\"one\""));
        Path input = Files.write(dir.resolve("bad.jsonl"), lines);

        Run run = execute("produce", "--input", input.toString(), "--bootstrap-servers", kafka.bootstrapServers(),
                "--topic", "invalid");

        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err().lines().toList()).singleElement().asString()
                .contains("bad.jsonl:4: field 'blockNumber': expected an integer, got '\"one\"'");
        assertThat(endOffset("invalid")).isZero();
    }

    @Test
    void skipInvalidSendsTheValidLinesAndReportsTheOthers() throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(sample()).subList(0, 3));
        lines.add(1, "{\"kind\":\"uncle\",\"chainId\":1}");
        Path input = Files.write(dir.resolve("skip.jsonl"), lines);

        Run run = execute("produce", "--input", input.toString(), "--bootstrap-servers", kafka.bootstrapServers(),
                "--topic", "skipping", "--skip-invalid");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("skip.jsonl:2: field 'kind'");
        assertThat(run.out()).contains("Produced 3 records").contains("skipped 1 invalid lines");
        assertThat(consume("skipping", 3)).hasSize(3);
    }

    @Test
    void missingTopicFailsNamingIt() throws IOException {
        Path input = Files.write(dir.resolve("one.jsonl"), Files.readAllLines(sample()).subList(0, 1));

        try (EmbeddedKafka strict = new EmbeddedKafka(Map.of("auto.create.topics.enable", false)).start()) {
            Run run = execute("produce", "--input", input.toString(), "--bootstrap-servers", strict.bootstrapServers(),
                    "--topic", "no-such-topic", "--producer-property", "max.block.ms=1500");

            assertThat(run.exitCode()).isEqualTo(ExitCode.FAILURE);
            assertThat(run.err()).startsWith("tidewater produce: topic 'no-such-topic' is not available");
        }
    }

    private static Path sample() {
        try {
            return Path.of(ProduceCommandTest.class.getResource("/samples/erc20-reorgs.jsonl").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long endOffset(String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            TopicPartition tp = new TopicPartition(topic, 0);
            return admin.listOffsets(Map.of(tp, OffsetSpec.latest())).partitionResult(tp).get().offset();
        }
    }

    private static List<ConsumerRecord<String, byte[]>> consume(String topic, int expected) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "produce-test-" + topic);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            int quietPolls = 0;
            while (System.nanoTime() < deadline && (out.size() < expected || quietPolls < 2)) {
                int before = out.size();
                consumer.poll(Duration.ofMillis(300)).forEach(out::add);
                quietPolls = out.size() == before && out.size() >= expected ? quietPolls + 1 : 0;
            }
        }
        return out;
    }
}
