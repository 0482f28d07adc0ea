package io.tidewater.bench.chaos;

import io.tidewater.app.embedded.EmbeddedKafka;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.common.GroupState;

/**
 * What a chaos run owns: an in-process broker, a Postgres it may stop and freeze, the input
 * feeder, and the {@code tidewater run} instances, one of them the primary that drains the input
 * after every fault. Instances share one application id, so a second one is a group member (a
 * rebalance) and a frozen one is a zombie.
 *
 * <p>Threading: one owning thread.
 */
final class ChaosEnvironment implements AutoCloseable {
    static final String APPLICATION_ID = "tidewater-chaos";
    /** Short, so a frozen member is evicted within a quick run. */
    static final int SESSION_TIMEOUT_MS = 6_000;

    private final Path workDir;
    private final EmbeddedKafka kafka;
    private final PostgresControl postgres;
    private final InputFeeder feeder;
    private final Path config;
    private int launched;
    private AppProcess primary;
    private Admin admin;
    private String primaryState = "state-a";
    private String secondaryState = "state-b";

    private ChaosEnvironment(Path workDir, EmbeddedKafka kafka, PostgresControl postgres, Path config) {
        this.workDir = workDir;
        this.kafka = kafka;
        this.postgres = postgres;
        this.config = config;
        this.feeder = new InputFeeder(kafka.bootstrapServers());
    }

    static ChaosEnvironment start(Path workDir) throws IOException {
        Files.createDirectories(workDir);
        EmbeddedKafka kafka = new EmbeddedKafka().start();
        PostgresControl postgres = new PostgresControl(workDir.resolve("pg"), freePort()).start();
        Path config = Files.writeString(workDir.resolve("tidewater.properties"), String.join("\n",
                "bootstrap.servers=" + kafka.bootstrapServers(),
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
                "kafka.heartbeat.interval.ms=1500", ""));
        return new ChaosEnvironment(workDir, kafka, postgres, config);
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
            admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()));
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
        return kafka.bootstrapServers();
    }

    @Override
    public void close() throws Exception {
        if (primary != null) {
            primary.close();
        }
        if (admin != null) {
            admin.close();
        }
        feeder.close();
        postgres.close();
        kafka.close();
    }
}
