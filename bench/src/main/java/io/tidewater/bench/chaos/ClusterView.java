package io.tidewater.bench.chaos;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * What the cluster says about itself, through the Admin API: the leader of a partition, the
 * active controller, the registered brokers, whether every partition has its full ISR, and each
 * topic's replication. Every question has a short timeout and answers "unknown" (empty, false)
 * when the cluster cannot answer, as it cannot without a quorum.
 *
 * <p>Threading: one owning thread.
 */
final class ClusterView implements AutoCloseable {
    private static final long ANSWER_SECONDS = 10;

    private final Admin admin;

    ClusterView(String bootstrapServers) {
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 8_000));
    }

    /** The node id of the partition's leader; empty when it has none or the cluster does not answer. */
    OptionalInt leaderOf(String topic, int partition) {
        try {
            TopicDescription d = admin.describeTopics(List.of(topic)).allTopicNames().get(ANSWER_SECONDS, TimeUnit.SECONDS).get(topic);
            Node leader = d.partitions().get(partition).leader();
            return leader == null || leader.isEmpty() ? OptionalInt.empty() : OptionalInt.of(leader.id());
        } catch (ExecutionException | TimeoutException | InterruptedException e) {
            interruptIf(e);
            return OptionalInt.empty();
        }
    }

    /** The node id of the KRaft quorum's leader, the active controller. */
    OptionalInt activeController() {
        try {
            int id = admin.describeMetadataQuorum().quorumInfo().get(ANSWER_SECONDS, TimeUnit.SECONDS).leaderId();
            return id < 0 ? OptionalInt.empty() : OptionalInt.of(id);
        } catch (ExecutionException | TimeoutException | InterruptedException e) {
            interruptIf(e);
            return OptionalInt.empty();
        }
    }

    /**
     * Whether the broker at {@code address} itself serves requests: a client bootstrapped to it
     * alone gets an answer. A broker enables request processing only once it has caught up with
     * the metadata and is unfenced, so this tells a restarted broker that is really back from one
     * the controller still lists because it has not yet noticed the old process die.
     */
    static boolean serves(String address) {
        try (Admin probe = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, address,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3_000,
                AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500))) {
            return probe.describeCluster().clusterId().get(4, TimeUnit.SECONDS) != null;
        } catch (ExecutionException | TimeoutException | InterruptedException | RuntimeException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return false;
        }
    }

    /** The brokers registered and unfenced now (describeCluster lists no fenced broker). */
    Set<Integer> registeredBrokers() {
        try {
            Collection<Node> nodes = admin.describeCluster().nodes().get(ANSWER_SECONDS, TimeUnit.SECONDS);
            Set<Integer> ids = new TreeSet<>();
            nodes.forEach(n -> ids.add(n.id()));
            return ids;
        } catch (ExecutionException | TimeoutException | InterruptedException e) {
            interruptIf(e);
            return Set.of();
        }
    }

    /** Partitions, internal ones included, whose ISR is not all their replicas or that have no leader; null if unknown. */
    List<String> degradedPartitions() {
        try {
            Map<String, TopicDescription> topics = describeAll();
            List<String> out = new ArrayList<>();
            topics.forEach((name, d) -> {
                for (TopicPartitionInfo p : d.partitions()) {
                    if (p.leader() == null || p.leader().isEmpty() || p.isr().size() < p.replicas().size()) {
                        out.add(name + "-" + p.partition() + " isr " + p.isr().stream().map(Node::id).toList());
                    }
                }
            });
            return out;
        } catch (ExecutionException | TimeoutException | InterruptedException e) {
            interruptIf(e);
            return null;
        }
    }

    /**
     * Topics, internal ones included, with fewer than {@code replicas} replicas in a partition or
     * another {@code min.insync.replicas}: what the run promises to hold for every topic.
     */
    List<String> topicsNotReplicated(int replicas, int minInsync) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(ANSWER_SECONDS);
        while (true) {
            try {
                return topicsNotReplicatedNow(replicas, minInsync);
            } catch (ExecutionException e) {
                // A topic just created is listed by the broker that has caught up with the
                // controller and unknown to one that has not: metadata reaches brokers one by one.
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(250);
            }
        }
    }

    private List<String> topicsNotReplicatedNow(int replicas, int minInsync) throws Exception {
        Map<String, TopicDescription> topics = describeAll();
        List<ConfigResource> resources = topics.keySet().stream().map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t)).toList();
        Map<ConfigResource, Config> configs = admin.describeConfigs(resources).all().get(ANSWER_SECONDS, TimeUnit.SECONDS);
        List<String> out = new ArrayList<>();
        topics.forEach((name, d) -> {
            int fewest = d.partitions().stream().mapToInt(p -> p.replicas().size()).min().orElse(0);
            String minIsr = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, name)).get("min.insync.replicas").value();
            if (fewest < replicas || !String.valueOf(minInsync).equals(minIsr)) {
                out.add(name + " (replicas " + fewest + ", min.insync.replicas " + minIsr + ")");
            }
        });
        return out;
    }

    /** Names of every topic, internal ones included. */
    Set<String> topicNames() throws Exception {
        return admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get(ANSWER_SECONDS, TimeUnit.SECONDS);
    }

    private Map<String, TopicDescription> describeAll() throws ExecutionException, TimeoutException, InterruptedException {
        Set<String> names = admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get(ANSWER_SECONDS, TimeUnit.SECONDS);
        return admin.describeTopics(names).allTopicNames().get(ANSWER_SECONDS, TimeUnit.SECONDS);
    }

    private static void interruptIf(Exception e) {
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        admin.close(java.time.Duration.ofSeconds(5));
    }
}
