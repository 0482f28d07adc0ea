package io.tidewater.bench.chaos;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.common.Uuid;

/**
 * A real three-node KRaft cluster on loopback: three broker JVMs, each with the broker and
 * controller roles and a vote in a static three-voter quorum, started from the app's own Kafka
 * jars the way an operator starts them ({@code kafka.tools.StorageTool format}, then
 * {@code kafka.Kafka server.properties}). Every topic defaults to replication factor 3 and
 * {@code min.insync.replicas} 2, the internal ones ({@code __consumer_offsets},
 * {@code __transaction_state}) included, so one broker may be lost and a second one may not.
 *
 * <p>Ports and log directories stay the same across restarts, so a restarted broker is the same
 * node to its peers and clients.
 *
 * <p>Threading: one owning thread.
 */
final class BrokerCluster implements AutoCloseable {
    static final int SIZE = 3;
    static final short REPLICATION_FACTOR = 3;
    static final int MIN_INSYNC_REPLICAS = 2;
    private static final String HOST = "127.0.0.1";
    private static final Duration START_PATIENCE = Duration.ofSeconds(180);

    private final List<BrokerProcess> brokers;
    private final String bootstrapServers;
    private final ClusterView view;

    private BrokerCluster(List<BrokerProcess> brokers, String bootstrapServers) {
        this.brokers = brokers;
        this.bootstrapServers = bootstrapServers;
        this.view = new ClusterView(bootstrapServers);
    }

    /** Formats three nodes under {@code dir}, starts them and waits until all three are registered. */
    static BrokerCluster start(Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        int[] brokerPorts = freePorts(SIZE);
        int[] controllerPorts = freePorts(SIZE);
        String voters = IntStream.range(0, SIZE).mapToObj(i -> (i + 1) + "@" + HOST + ":" + controllerPorts[i])
                .collect(Collectors.joining(","));
        Path logback = Files.writeString(dir.resolve("broker-logback.xml"), LOGBACK);
        String clusterId = Uuid.randomUuid().toString();
        List<BrokerProcess> brokers = new ArrayList<>();
        for (int i = 0; i < SIZE; i++) {
            int node = i + 1;
            Path nodeDir = Files.createDirectories(dir.resolve("broker-" + node));
            Path props = Files.writeString(nodeDir.resolve("server.properties"),
                    properties(node, brokerPorts[i], controllerPorts[i], voters, nodeDir.resolve("data")));
            Path log = nodeDir.resolve("broker.log");
            format(clusterId, props, log, logback);
            brokers.add(new BrokerProcess(node, HOST + ":" + brokerPorts[i], props, log, logback));
        }
        String bootstrap = IntStream.range(0, SIZE).mapToObj(i -> HOST + ":" + brokerPorts[i]).collect(Collectors.joining(","));
        BrokerCluster cluster = new BrokerCluster(brokers, bootstrap);
        try {
            for (BrokerProcess b : brokers) {
                b.start();
            }
            if (!cluster.awaitRegistered(Set.of(1, 2, 3), START_PATIENCE)) {
                throw new IllegalStateException("the 3 brokers did not all register within " + START_PATIENCE.toSeconds()
                        + " s; see broker-*/broker.log under " + dir);
            }
        } catch (RuntimeException | IOException | InterruptedException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    /** What every node runs with: both roles, a static quorum, replication 3 and min.insync.replicas 2 everywhere. */
    static String properties(int node, int brokerPort, int controllerPort, String voters, Path dataDir) {
        return String.join("\n",
                "process.roles=broker,controller",
                "node.id=" + node,
                "controller.quorum.voters=" + voters,
                "listeners=PLAINTEXT://" + HOST + ":" + brokerPort + ",CONTROLLER://" + HOST + ":" + controllerPort,
                "advertised.listeners=PLAINTEXT://" + HOST + ":" + brokerPort,
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "log.dirs=" + dataDir,
                "default.replication.factor=" + REPLICATION_FACTOR,
                "min.insync.replicas=" + MIN_INSYNC_REPLICAS,
                "offsets.topic.replication.factor=" + REPLICATION_FACTOR,
                "offsets.topic.num.partitions=6",
                "transaction.state.log.replication.factor=" + REPLICATION_FACTOR,
                "transaction.state.log.min.isr=" + MIN_INSYNC_REPLICAS,
                "transaction.state.log.num.partitions=6",
                "share.coordinator.state.topic.replication.factor=" + REPLICATION_FACTOR,
                "share.coordinator.state.topic.min.isr=" + MIN_INSYNC_REPLICAS,
                "share.coordinator.state.topic.num.partitions=1",
                "unclean.leader.election.enable=false",
                "auto.create.topics.enable=false",
                "group.initial.rebalance.delay.ms=0",
                // Two cores for three brokers, Postgres and the app: fewer threads, a smaller cleaner buffer.
                "num.network.threads=2",
                "num.io.threads=2",
                "num.replica.fetchers=1",
                "background.threads=2",
                "log.cleaner.threads=1",
                "log.cleaner.dedupe.buffer.size=8388608",
                "unstable.api.versions.enable=false",
                "unstable.feature.versions.enable=false", "");
    }

    private static void format(String clusterId, Path props, Path log, Path logback) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dlogback.configurationFile=" + logback, "-cp", System.getProperty("java.class.path"),
                "kafka.tools.StorageTool", "format", "-t", clusterId, "-c", props.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        int code = p.waitFor();
        if (code != 0) {
            throw new IllegalStateException("kafka.tools.StorageTool format exited " + code + " for " + props + "; see " + log);
        }
    }

    private static int[] freePorts(int n) throws IOException {
        int[] ports = new int[n];
        List<ServerSocket> held = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                held.add(s);
                ports[i] = s.getLocalPort();
            }
        } finally {
            for (ServerSocket s : held) {
                s.close();
            }
        }
        return ports;
    }

    String bootstrapServers() {
        return bootstrapServers;
    }

    ClusterView view() {
        return view;
    }

    List<BrokerProcess> brokers() {
        return brokers;
    }

    BrokerProcess broker(int nodeId) {
        return brokers.get(nodeId - 1);
    }

    /**
     * Waits until every node in {@code nodes} serves requests itself and the cluster lists it as
     * registered and unfenced: after a restart, the new process is back, not just the old one's
     * registration not yet expired.
     */
    boolean awaitRegistered(Set<Integer> nodes, Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() < deadline) {
            if (nodes.stream().allMatch(n -> broker(n).alive() && !broker(n).frozen() && ClusterView.serves(broker(n).address()))
                    && view.registeredBrokers().containsAll(nodes)) {
                return true;
            }
            Thread.sleep(250);
        }
        return false;
    }

    /**
     * Starts every broker that is down, thaws every frozen one, and waits until all three are
     * registered and every partition has its full ISR: the cluster as whole as before a fault.
     *
     * @return what was still wrong after {@code patience}, or an empty string
     */
    String heal(Duration patience) throws IOException, InterruptedException {
        for (BrokerProcess b : brokers) {
            b.thaw();
            b.start();
        }
        long deadline = System.nanoTime() + patience.toNanos();
        if (!awaitRegistered(Set.of(1, 2, 3), patience)) {
            return "registered " + view.registeredBrokers() + " after " + patience.toSeconds() + " s";
        }
        List<String> degraded = null;
        while (System.nanoTime() < deadline) {
            if ((degraded = view.degradedPartitions()) != null && degraded.isEmpty()) {
                return "";
            }
            Thread.sleep(500);
        }
        return "under-replicated " + degraded;
    }

    /** Node ids of the brokers whose JVM runs (frozen or not). */
    Set<Integer> running() {
        return brokers.stream().filter(BrokerProcess::alive).map(BrokerProcess::nodeId).collect(Collectors.toCollection(java.util.TreeSet::new));
    }

    @Override
    public void close() {
        view.close();
        for (BrokerProcess b : brokers) {
            try {
                b.kill();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Brokers log to their own file: warnings, and the lines that date a start, a stop and a quorum change. */
    private static final String LOGBACK = """
            <configuration>
              <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
                <encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{24} - %msg%n</pattern></encoder>
              </appender>
              <logger name="kafka.server.KafkaRaftServer" level="INFO"/>
              <logger name="kafka.server.BrokerServer" level="INFO"/>
              <logger name="kafka.server.ControllerServer" level="INFO"/>
              <logger name="org.apache.kafka.raft.QuorumState" level="INFO"/>
              <root level="WARN"><appender-ref ref="OUT"/></root>
            </configuration>
            """;
}
