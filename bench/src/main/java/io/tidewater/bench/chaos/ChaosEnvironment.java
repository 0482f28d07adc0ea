package io.tidewater.bench.chaos;

import io.tidewater.app.embedded.EmbeddedKafka;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.common.GroupState;

/**
 * What a chaos run owns: Kafka (an in-process broker, or a cluster of three broker processes it
 * may stop, kill and freeze), a Postgres it may stop and freeze, the input feeder, and the
 * {@code tidewater run} instances, one of them the primary that drains the input after every
 * fault. Instances share one application id, so a second one is a group member (a rebalance)
 * and a frozen one is a zombie. On the cluster, a {@code tidewater ingest} process also follows a
 * fake JSON-RPC node into the input topic, so broker faults hit a producer too.
 *
 * <p>Threading: one owning thread.
 */
final class ChaosEnvironment implements AutoCloseable {
    static final String APPLICATION_ID = "tidewater-chaos";
    /** Short, so a frozen member is evicted within a quick run. */
    static final int SESSION_TIMEOUT_MS = 6_000;

    private final Path workDir;
    private final EmbeddedKafka kafka;
    private final BrokerCluster cluster;
    private final String bootstrapServers;
    private final PostgresControl postgres;
    private final InputFeeder feeder;
    private final Path config;
    private final NodeFeed node;
    private final List<ProcessExit> ingesterExits = new ArrayList<>();
    private int launched;
    private AppProcess primary;
    private AppProcess ingester;
    private Admin admin;
    private String primaryState = "state-a";
    private String secondaryState = "state-b";

    private ChaosEnvironment(Path workDir, EmbeddedKafka kafka, BrokerCluster cluster, PostgresControl postgres, Path config,
            NodeFeed node) {
        this.workDir = workDir;
        this.kafka = kafka;
        this.cluster = cluster;
        this.bootstrapServers = cluster != null ? cluster.bootstrapServers() : kafka.bootstrapServers();
        this.postgres = postgres;
        this.config = config;
        this.node = node;
        this.feeder = cluster != null ? new InputFeeder(bootstrapServers, BrokerCluster.REPLICATION_FACTOR, BrokerCluster.MIN_INSYNC_REPLICAS)
                : new InputFeeder(bootstrapServers, (short) 1, 1);
    }

    /** The in-process broker, as CI's quick run uses. */
    static ChaosEnvironment start(Path workDir) throws IOException, InterruptedException {
        return start(workDir, 1, 0);
    }

    /**
     * @param brokers 1 for the in-process broker; 3 for a cluster of broker processes, with an
     *     ingester following a fake node beside the feeder
     * @param seed the fake node's chain, on the cluster
     */
    static ChaosEnvironment start(Path workDir, int brokers, long seed) throws IOException, InterruptedException {
        Files.createDirectories(workDir);
        boolean onCluster = brokers > 1;
        EmbeddedKafka kafka = onCluster ? null : new EmbeddedKafka().start();
        BrokerCluster cluster = onCluster ? BrokerCluster.start(workDir.resolve("kafka")) : null;
        String bootstrap = onCluster ? cluster.bootstrapServers() : kafka.bootstrapServers();
        PostgresControl postgres = new PostgresControl(workDir.resolve("pg"), freePort()).start();
        List<String> clusterSettings = !onCluster ? List.of() : List.of(
                // Every internal topic of the app (changelogs) as the input: 3 replicas, 2 in sync to write.
                "kafka.replication.factor=" + BrokerCluster.REPLICATION_FACTOR,
                "kafka.topic.min.insync.replicas=" + BrokerCluster.MIN_INSYNC_REPLICAS);
        Path config = Files.writeString(workDir.resolve("tidewater.properties"), String.join("\n",
                "bootstrap.servers=" + bootstrap,
                "application.id=" + APPLICATION_ID,
                "input.format=json",
                "jdbc.url=" + postgres.jdbcUrl(),
                "jdbc.user=" + postgres.user(),
                // A hung database must surface as a timeout, retried, well within a run.
                "jdbc.socket.timeout.ms=20000",
                "pool.connection.timeout.ms=2000",
                "retry.backoff.max.ms=1000",
                "http.port=-1",
                "batch.interval.ms=200",
                "batch.size.trigger=200",
                "capacity.target=2000",
                "progress.interval.ms=0",
                "kafka.session.timeout.ms=" + SESSION_TIMEOUT_MS,
                "kafka.heartbeat.interval.ms=1500",
                String.join("\n", clusterSettings), ""));
        ChaosEnvironment env = new ChaosEnvironment(workDir, kafka, cluster, postgres, config, onCluster ? new NodeFeed(seed) : null);
        if (onCluster) {
            env.ensureIngester();
        }
        return env;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Starts an instance on its own state directory, with extra environment (fault points). */
    AppProcess launch(String stateName, Map<String, String> extraEnv) throws IOException {
        Map<String, String> env = new HashMap<>(extraEnv);
        env.put("TIDEWATER_STATE_DIR", workDir.resolve(stateName).toString());
        launched++;
        return AppProcess.start(String.format("%03d-%s", launched, stateName), workDir.resolve("logs"), config, env);
    }

    /**
     * Waits until the primary runs and the consumer group is stable with its one member, so that
     * no member of a dead or resumed instance is left for the coordinator to evict: a rebalance
     * after this is the next fault's own, not the last one's.
     *
     * @return false if it had not settled after {@code patience}
     */
    boolean awaitSettledGroup(Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() < deadline) {
            if (primary != null && primary.alive() && primary.streamsRunning() && groupHasOneStableMember()) {
                return true;
            }
            Thread.sleep(200);
        }
        return false;
    }

    private boolean groupHasOneStableMember() throws InterruptedException {
        if (admin == null) {
            admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers));
        }
        try {
            ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(APPLICATION_ID)).describedGroups()
                    .get(APPLICATION_ID).get(5, TimeUnit.SECONDS);
            return group.groupState() == GroupState.STABLE && group.members().size() == 1;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
    }

    AppProcess primary() {
        return primary;
    }

    /** The three-broker cluster, if this run has one. */
    Optional<BrokerCluster> cluster() {
        return Optional.ofNullable(cluster);
    }

    /** The fake node an ingester follows, on the cluster. */
    Optional<NodeFeed> node() {
        return Optional.ofNullable(node);
    }

    /**
     * (Re)starts the ingester unless it runs, as a supervisor would: an exit is recorded with its
     * code and the reason it printed, then a new one resumes from the topic.
     */
    void ensureIngester() throws IOException {
        if (node == null || ingester != null && ingester.alive()) {
            return;
        }
        if (ingester != null) {
            ingesterExits.add(ProcessExit.of(ingester, "tidewater ingest: "));
        }
        launched++;
        ingester = AppProcess.start(String.format("%03d-ingest", launched), workDir.resolve("logs"),
                node.ingestArguments(bootstrapServers, InputFeeder.INPUT_TOPIC), Map.of("TIDEWATER_POLL_INTERVAL_MS", "200"));
    }

    /** The ingester's exits so far, each with its code and reason. */
    List<ProcessExit> ingesterExits() {
        return List.copyOf(ingesterExits);
    }

    /** (Re)starts the primary unless it is running, optionally with fault points armed. */
    AppProcess ensurePrimary(Map<String, String> faults) throws IOException {
        if (primary == null || !primary.alive()) {
            primary = launch(primaryState, faults);
        }
        return primary;
    }

    AppProcess ensurePrimary() throws IOException {
        return ensurePrimary(Map.of());
    }

    /** A second group member on its own state directory. */
    AppProcess launchSecondary() throws IOException {
        return launch(secondaryState, Map.of());
    }

    /** The secondary becomes the primary (after the old primary was killed). */
    void promote(AppProcess secondary) {
        primary = secondary;
        String s = primaryState;
        primaryState = secondaryState;
        secondaryState = s;
    }

    /** Deletes the primary's state directory; only while the primary is down. */
    void wipePrimaryState() throws IOException {
        Path dir = workDir.resolve(primaryState);
        if (Files.exists(dir)) {
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    int launched() {
        return launched;
    }

    PostgresControl postgres() {
        return postgres;
    }

    InputFeeder feeder() {
        return feeder;
    }

    String bootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public void close() throws Exception {
        if (primary != null) {
            primary.close();
        }
        if (ingester != null) {
            ingester.close();
        }
        if (node != null) {
            node.close();
        }
        if (admin != null) {
            admin.close();
        }
        feeder.close();
        postgres.close();
        if (kafka != null) {
            kafka.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }
}
