package io.tidewater.ingest.emit;

import io.tidewater.serdes.ChainKeys;
import io.tidewater.serdes.InputCodec;
import io.tidewater.serdes.InputFormat;
import io.tidewater.serdes.MalformedRecordException;
import io.tidewater.serdes.wire.BlockHeader;
import io.tidewater.serdes.wire.InputRecord;
import io.tidewater.serdes.wire.LogEvent;
import io.tidewater.serdes.wire.ReorgNotice;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads back, from the end of the chain's partition of the input topic, what was produced for the
 * chain: the topic is the ingester's only state, so a restart, even after {@code kill -9}, goes on
 * from there. It reads ever larger tails until it has the hashes of {@code window} blocks below
 * the newest, or the whole partition.
 *
 * <p>Records of other chains sharing the partition, and records it cannot decode (another
 * producer's), are passed over.
 *
 * <p>Threading: one call at a time; it owns its consumer for the duration of {@link #read}.
 */
public final class ResumeReader {
    private static final Logger LOG = LoggerFactory.getLogger(ResumeReader.class);
    private static final int FIRST_TAIL = 2_000;
    private static final Duration POLL = Duration.ofMillis(500);

    private final Map<String, Object> clientSettings;
    private final String topic;
    private final InputFormat format;

    public ResumeReader(Map<String, ?> clientSettings, String topic, InputFormat format) {
        this.clientSettings = new HashMap<>(clientSettings);
        this.topic = topic;
        this.format = format;
    }

    public ResumePoint read(long chainId, int window) {
        Map<String, Object> props = new HashMap<>(clientSettings);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<PartitionInfo> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30));
            if (partitions == null || partitions.isEmpty()) {
                throw new IllegalStateException("topic '" + topic + "' does not exist");
            }
            String key = ChainKeys.key(chainId);
            // The producer's default partitioner, so the read lands where the writes did.
            int partition = Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions.size();
            TopicPartition tp = new TopicPartition(topic, partition);
            consumer.assign(List.of(tp));
            long begin = consumer.beginningOffsets(List.of(tp)).get(tp);
            long end = consumer.endOffsets(List.of(tp)).get(tp);
            InputCodec codec = new InputCodec(format);
            long tail = FIRST_TAIL;
            while (true) {
                long start = Math.max(begin, end - tail);
                List<InputRecord> mine = readRange(consumer, tp, start, end, key, codec);
                ResumePoint point = replay(mine, start == begin);
                boolean enough = point.hashes().isEmpty() ? false
                        : point.hashes().firstKey() <= point.hashes().lastKey() - window;
                if (start == begin || enough) {
                    LOG.info("resume: read back {} records of chain {} from partition {} (offsets {}-{}); {}", mine.size(), chainId,
                            partition, start, end, point.isEmpty() ? "nothing produced yet" : "going on from block "
                                    + point.next().getAsLong());
                    return point;
                }
                tail *= 4;
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException("cannot read topic '" + topic + "' to resume: " + e.getMessage(), e);
        }
    }

    private static List<InputRecord> readRange(KafkaConsumer<String, byte[]> consumer, TopicPartition tp, long start, long end,
            String key, InputCodec codec) {
        List<InputRecord> out = new ArrayList<>();
        consumer.seek(tp, start);
        while (consumer.position(tp) < end) {
            for (ConsumerRecord<String, byte[]> r : consumer.poll(POLL)) {
                if (r.offset() >= end || !key.equals(r.key())) {
                    continue;
                }
                try {
                    out.add(codec.decode(r.value()));
                } catch (MalformedRecordException e) {
                    // Not ours to judge: the indexer dead-letters it.
                }
            }
        }
        return out;
    }

    /** The produced chain as these records, in order, leave it. */
    static ResumePoint replay(List<InputRecord> records, boolean fromBeginning) {
        TreeMap<Long, String> hashes = new TreeMap<>();
        long first = Long.MIN_VALUE;
        long afterReorg = -1;
        for (InputRecord r : records) {
            Object body = r.getBody();
            long block;
            String hash;
            if (body instanceof BlockHeader b) {
                block = b.getNumber();
                hash = b.getHash();
            } else if (body instanceof LogEvent l) {
                block = l.getBlockNumber();
                hash = l.getBlockHash();
            } else {
                long valid = ((ReorgNotice) body).getLastValidBlock();
                hashes.tailMap(valid, false).clear();
                afterReorg = valid + 1;
                continue;
            }
            if (first == Long.MIN_VALUE) {
                first = block;
            }
            hashes.tailMap(block, false).clear();
            hashes.put(block, hash);
            afterReorg = -1;
        }
        OptionalLong next = !hashes.isEmpty() && afterReorg < 0 ? OptionalLong.of(hashes.lastKey())
                : afterReorg >= 0 ? OptionalLong.of(afterReorg) : OptionalLong.empty();
        return new ResumePoint(hashes, next, fromBeginning && first != Long.MIN_VALUE ? OptionalLong.of(first) : OptionalLong.empty(),
                records.size());
    }
}
