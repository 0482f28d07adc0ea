package io.tidewater.bench.chaos;

import io.tidewater.serdes.InputCodec;
import io.tidewater.serdes.InputFormat;
import io.tidewater.serdes.wire.BlockHeader;
import io.tidewater.serdes.wire.InputRecord;
import io.tidewater.serdes.wire.LogEvent;
import io.tidewater.serdes.wire.ReorgNotice;
import io.tidewater.testkit.node.SimulatedChain;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * What the ingester put on the topic for its chain, read back the plain way (a reorg notice drops
 * what is above it, a log replaces the one at its position), against the node's canonical chain:
 * a log missing is a gap; a log sent twice is a resend, harmless since the indexer skips it;
 * a log whose header did not come before it breaks the ingester's promise.
 *
 * @param gaps canonical logs missing from the topic, and logs on the topic the node does not hold
 * @param violations logs not preceded by their block's header
 * @param resentLogs logs written more than once at the same position with the same block hash
 */
record IngestedChain(List<String> gaps, List<String> violations, long logs, long resentLogs, long reorgNotices) {
    private record Position(long block, long index) implements Comparable<Position> {
        @Override
        public int compareTo(Position o) {
            return block != o.block ? Long.compare(block, o.block) : Long.compare(index, o.index);
        }
    }

    static IngestedChain read(String bootstrapServers, String topic, SimulatedChain chain) {
        String key = Long.toString(chain.chainId());
        InputCodec codec = new InputCodec(InputFormat.JSON);
        TreeMap<Position, String> logs = new TreeMap<>();
        List<String> violations = new ArrayList<>();
        long resent = 0;
        long reorgs = 0;
        long count = 0;
        BlockHeader last = null;
        for (byte[] value : values(bootstrapServers, topic, key)) {
            Object body = codec.decode(value).getBody();
            if (body instanceof ReorgNotice r) {
                reorgs++;
                logs.tailMap(new Position(r.getLastValidBlock() + 1, -1), true).clear();
                last = null;
            } else if (body instanceof BlockHeader b) {
                last = b;
            } else if (body instanceof LogEvent l) {
                count++;
                if (last == null || last.getNumber() != l.getBlockNumber() || !last.getHash().equals(l.getBlockHash())) {
                    violations.add("log " + l.getBlockNumber() + "/" + l.getLogIndex() + " not preceded by its block's header");
                }
                String before = logs.put(new Position(l.getBlockNumber(), l.getLogIndex()), l.getBlockHash());
                if (l.getBlockHash().equals(before)) {
                    resent++;
                }
            }
        }
        TreeMap<Position, String> canonical = new TreeMap<>();
        chain.canonicalLogs().forEach(l -> canonical.put(new Position(l.blockNumber(), l.logIndex()), l.blockHash()));
        List<String> gaps = new ArrayList<>();
        canonical.forEach((p, hash) -> {
            if (!hash.equals(logs.get(p))) {
                gaps.add("block " + p.block() + " log " + p.index() + (logs.containsKey(p) ? " has another block hash" : " missing"));
            }
        });
        logs.keySet().stream().filter(p -> !canonical.containsKey(p))
                .forEach(p -> gaps.add("block " + p.block() + " log " + p.index() + " is not on the node's chain"));
        return new IngestedChain(gaps, violations, count, resent, reorgs);
    }

    /** The values of {@code key}'s records, in offset order (one key, one partition). */
    private static List<byte[]> values(String bootstrapServers, String topic, String key) {
        List<byte[]> out = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrapServers),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            for (TopicPartition tp : partitions) {
                consumer.assign(List.of(tp));
                consumer.seekToBeginning(List.of(tp));
                long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
                while (consumer.position(tp) < ends.get(tp) && System.nanoTime() < deadline) {
                    for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                        if (key.equals(r.key())) {
                            out.add(r.value());
                        }
                    }
                }
            }
        }
        return out;
    }
}
