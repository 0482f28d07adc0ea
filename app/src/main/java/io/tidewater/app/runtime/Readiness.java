package io.tidewater.app.runtime;

import io.tidewater.topology.api.TaskProgress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Whether this instance has caught up, for {@code /ready}: its Streams client runs, and on every
 * input partition it holds, the position is within {@code maxLag} records of the end offset and
 * what it processed is written within the same allowance.
 *
 * <p>Measured when asked, against end offsets the broker reports now (read-committed, so a
 * producer's open transaction is not counted as input yet). The position is the group's
 * committed offset or the offset after the last record the task consumed, whichever is further:
 * the first survives a restart, the second is ahead of the commit interval. A partition that
 * never had input, or none past the position, is caught up; nothing else needs to have happened
 * on it.
 *
 * <p>Threading: called from HTTP threads; the admin client is thread-safe and the rest is read
 * from concurrent structures.
 */
final class Readiness implements AutoCloseable {
    /** Records an instance may be behind, in input or in writes, and still be ready. */
    static final long MAX_LAG = 1_000;
    private static final Duration ASK_TIMEOUT = Duration.ofSeconds(5);

    private final IndexerRuntime runtime;
    private final Admin admin;
    private final String topic;
    private final String groupId;
    private final long maxLag;

    /**
     * @param adminSettings settings of an admin client of the input's cluster
     * @param groupId       the Streams application id, whose committed offsets are the positions
     */
    Readiness(IndexerRuntime runtime, Map<String, Object> adminSettings, String topic, String groupId, long maxLag) {
        this.runtime = runtime;
        this.admin = Admin.create(adminSettings);
        this.topic = topic;
        this.groupId = groupId;
        this.maxLag = maxLag;
    }

    boolean ready() {
        if (runtime.state() != KafkaStreams.State.RUNNING) {
            return false;
        }
        Set<Integer> held = runtime.assignedPartitions(topic);
        try {
            return lagging(held, endOffsets(held), committedOffsets(), runtime.progress().tasks(), maxLag).isEmpty();
        } catch (ExecutionException | TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * The partitions of {@code held} that are not caught up, each with why; empty when all are.
     *
     * @param ends      end offset per partition (the offset the next record will get)
     * @param committed the group's committed offset per partition, where there is one
     * @param tasks     each task's latest standing, by partition
     */
    static List<String> lagging(Set<Integer> held, Map<Integer, Long> ends, Map<Integer, Long> committed,
            Map<Integer, TaskProgress> tasks, long maxLag) {
        List<String> behind = new ArrayList<>();
        for (int partition : new TreeSet<>(held)) {
            TaskProgress task = tasks.get(partition);
            if (task == null) {
                behind.add("partition " + partition + ": its task has not reported yet");
                continue;
            }
            long position = Math.max(committed.getOrDefault(partition, 0L), task.consumedOffset() + 1);
            long inputLag = ends.getOrDefault(partition, 0L) - position;
            if (inputLag > maxLag) {
                behind.add("partition " + partition + ": " + inputLag + " records to consume");
            }
            long unwritten = task.processedOffset() - task.writtenOffset();
            if (unwritten > maxLag) {
                behind.add("partition " + partition + ": " + unwritten + " records processed and not written");
            }
        }
        return behind;
    }

    private Map<Integer, Long> endOffsets(Set<Integer> partitions) throws ExecutionException, InterruptedException, TimeoutException {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        partitions.forEach(p -> latest.put(new TopicPartition(topic, p), OffsetSpec.latest()));
        Map<Integer, Long> ends = new HashMap<>();
        if (!latest.isEmpty()) {
            admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all()
                    .get(ASK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .forEach((tp, info) -> ends.put(tp.partition(), info.offset()));
        }
        return ends;
    }

    private Map<Integer, Long> committedOffsets() throws ExecutionException, InterruptedException, TimeoutException {
        Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata()
                .get(ASK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        Map<Integer, Long> committed = new HashMap<>();
        offsets.forEach((tp, offset) -> {
            if (tp.topic().equals(topic) && offset != null) {
                committed.put(tp.partition(), offset.offset());
            }
        });
        return committed;
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
