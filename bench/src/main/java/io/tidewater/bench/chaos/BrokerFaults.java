package io.tidewater.bench.chaos;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * Performs one broker fault on the three-broker cluster and says what it did, after Kafka's own
 * {@code streams_broker_bounce_test.py}: the leader of an input partition or the active controller
 * shut down, killed, or bounced five times in a row (found again before each bounce, as the test
 * chases the leader); two brokers down at once; all three bounced; one frozen with SIGSTOP.
 *
 * <p>A broker shut down or killed stays down through the drain that follows, so the app must
 * work on the two others; {@link #heal} brings the cluster back whole after the comparison.
 *
 * <p>Threading: the run's thread.
 */
final class BrokerFaults {
    /** A restarted broker must be registered again within this before the next bounce. */
    private static final Duration REGISTER_PATIENCE = Duration.ofSeconds(180);
    private static final Duration HEAL_PATIENCE = Duration.ofMinutes(5);
    private static final long CLEAN_STOP_SECONDS = 120;
    private static final int BOUNCES = 5;

    private final BrokerCluster cluster;
    private final ChaosPlan plan;
    private final SplittableRandom random;
    private final String inputTopic;
    private final int inputPartitions;

    BrokerFaults(BrokerCluster cluster, ChaosPlan plan, SplittableRandom random, String inputTopic, int inputPartitions) {
        this.cluster = cluster;
        this.plan = plan;
        this.random = random;
        this.inputTopic = inputTopic;
        this.inputPartitions = inputPartitions;
    }

    String perform(FaultKind kind) throws Exception {
        int partition = random.nextInt(inputPartitions);
        Supplier<OptionalInt> leader = () -> cluster.view().leaderOf(inputTopic, partition);
        Supplier<OptionalInt> controller = () -> cluster.view().activeController();
        String leaderName = "leader of " + inputTopic + "-" + partition;
        return switch (kind) {
            case LEADER_STOP -> shutdown(leaderName, leader, true);
            case LEADER_KILL -> shutdown(leaderName, leader, false);
            case LEADER_BOUNCE -> bounce(leaderName, leader, true);
            case LEADER_HARD_BOUNCE -> bounce(leaderName, leader, false);
            case CONTROLLER_STOP -> shutdown("active controller", controller, true);
            case CONTROLLER_KILL -> shutdown("active controller", controller, false);
            case CONTROLLER_BOUNCE -> bounce("active controller", controller, true);
            case CONTROLLER_HARD_BOUNCE -> bounce("active controller", controller, false);
            case TWO_BROKERS_DOWN -> twoDown();
            case ALL_BROKERS_BOUNCE -> allBounce();
            case BROKER_FREEZE -> freeze();
            default -> throw new IllegalArgumentException(kind + " is not a broker fault");
        };
    }

    /** Stops the broker and leaves it down. */
    private String shutdown(String role, Supplier<OptionalInt> find, boolean clean) throws Exception {
        int node = target(role, find);
        long t0 = System.nanoTime();
        String how = stop(node, clean);
        return role + " (broker " + node + ") " + how + " in " + millisSince(t0) + " ms; down until after the comparison";
    }

    /** Five times: find the role's broker, stop it, start it, wait until it is registered again. */
    private String bounce(String role, Supplier<OptionalInt> find, boolean clean) throws Exception {
        List<String> steps = new ArrayList<>();
        for (int i = 0; i < BOUNCES; i++) {
            int node = target(role, find);
            long t0 = System.nanoTime();
            String how = stop(node, clean);
            cluster.broker(node).start();
            if (!cluster.awaitRegistered(Set.of(node), REGISTER_PATIENCE)) {
                throw new IllegalStateException("broker " + node + " did not register within " + REGISTER_PATIENCE.toSeconds()
                        + " s of its restart; see " + cluster.broker(node).logFile());
            }
            steps.add(node + " " + millisSince(t0) / 100 / 10.0 + " s" + (how.equals("SIGTERM") || how.equals("SIGKILL") ? "" : " (" + how + ")"));
        }
        return role + " " + (clean ? "SIGTERM" : "SIGKILL") + " and restarted " + BOUNCES + " times: brokers " + steps;
    }

    /** Two brokers down at once for a while: the third has neither a quorum nor min.insync.replicas. */
    private String twoDown() throws Exception {
        int spared = 1 + random.nextInt(BrokerCluster.SIZE);
        boolean clean = random.nextBoolean();
        long seconds = plan.brokerDownSeconds(random);
        List<Integer> down = new ArrayList<>();
        for (int node = 1; node <= BrokerCluster.SIZE; node++) {
            if (node != spared) {
                down.add(node);
            }
        }
        List<String> stops = stopAll(down, clean);
        Thread.sleep(seconds * 1_000);
        String back = startAndRegister(down);
        return "brokers " + down + " " + stops + ", down " + seconds + " s; " + back;
    }

    /** All three stopped at once, then started again after a few seconds. */
    private String allBounce() throws Exception {
        boolean clean = random.nextBoolean();
        long seconds = random.nextInt(11);
        List<Integer> all = List.of(1, 2, 3);
        List<String> stops = stopAll(all, clean);
        Thread.sleep(seconds * 1_000);
        String back = startAndRegister(all);
        return "all 3 brokers " + stops + ", down " + seconds + " s more; " + back;
    }

    /** A broker frozen for 10 to 60 s: two times in three the leader of an input partition, else one at random. */
    private String freeze() throws Exception {
        int partition = random.nextInt(inputPartitions);
        int node = random.nextInt(3) < 2 ? target("leader of " + inputTopic + "-" + partition, () -> cluster.view().leaderOf(inputTopic, partition))
                : 1 + random.nextInt(BrokerCluster.SIZE);
        OptionalInt controller = cluster.view().activeController();
        List<Integer> leads = new ArrayList<>();
        for (int p = 0; p < inputPartitions; p++) {
            if (cluster.view().leaderOf(inputTopic, p).orElse(-1) == node) {
                leads.add(p);
            }
        }
        long seconds = plan.brokerFreezeSeconds(random);
        cluster.broker(node).freeze();
        Thread.sleep(seconds * 1_000);
        cluster.broker(node).thaw();
        return "broker " + node + " (" + (controller.orElse(-1) == node ? "active controller, " : "") + "leader of input partitions "
                + leads + ") SIGSTOP for " + seconds + " s, then SIGCONT";
    }

    /** Stops the given brokers at the same moment: SIGTERM to all, then waits for each (or SIGKILL to all). */
    private List<String> stopAll(List<Integer> nodes, boolean clean) throws Exception {
        List<String> out = new ArrayList<>();
        long t0 = System.nanoTime();
        if (!clean) {
            for (int node : nodes) {
                cluster.broker(node).kill();
            }
            out.add("SIGKILL");
            return out;
        }
        List<Thread> stoppers = new ArrayList<>();
        List<String> results = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int node : nodes) {
            Thread t = new Thread(() -> {
                try {
                    boolean exited = cluster.broker(node).stopCleanly(CLEAN_STOP_SECONDS);
                    results.add(node + (exited ? " stopped in " + millisSince(t0) + " ms" : " SIGKILLED after " + CLEAN_STOP_SECONDS + " s"));
                } catch (IOException | InterruptedException e) {
                    results.add(node + " " + e);
                }
            }, "chaos-broker-stop-" + node);
            t.start();
            stoppers.add(t);
        }
        for (Thread t : stoppers) {
            t.join();
        }
        out.add("SIGTERM " + results.stream().sorted().toList());
        return out;
    }

    private String startAndRegister(List<Integer> nodes) throws Exception {
        long t0 = System.nanoTime();
        for (int node : nodes) {
            cluster.broker(node).start();
        }
        if (!cluster.awaitRegistered(Set.copyOf(nodes), REGISTER_PATIENCE)) {
            return "NOT registered again within " + REGISTER_PATIENCE.toSeconds() + " s (registered: " + cluster.view().registeredBrokers() + ")";
        }
        return "registered again " + millisSince(t0) / 100 / 10.0 + " s after the restart";
    }

    /** SIGTERM (waited for) or SIGKILL; says which, and whether a clean stop had to become a kill. */
    private String stop(int node, boolean clean) throws Exception {
        if (!clean) {
            cluster.broker(node).kill();
            return "SIGKILL";
        }
        return cluster.broker(node).stopCleanly(CLEAN_STOP_SECONDS) ? "SIGTERM" : "SIGTERM, not stopped after " + CLEAN_STOP_SECONDS
                + " s, so SIGKILL";
    }

    /** The broker that has the role now; waits a little, since a role may be moving after the last fault. */
    private int target(String role, Supplier<OptionalInt> find) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            OptionalInt node = find.get();
            if (node.isPresent() && cluster.broker(node.getAsInt()).alive()) {
                return node.getAsInt();
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("no broker is the " + role + " after 60 s (running: " + cluster.running() + ")");
    }

    /**
     * After the comparison: every broker started and thawed, registered, every partition with its
     * full ISR, so the next fault starts from a whole cluster.
     *
     * @return how long it took, or what was still wrong
     */
    String heal() throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        String problem = cluster.heal(HEAL_PATIENCE);
        return problem.isEmpty() ? "cluster whole again in " + millisSince(t0) / 100 / 10.0 + " s"
                : "cluster NOT whole after " + HEAL_PATIENCE.toMinutes() + " min: " + problem;
    }

    private static long millisSince(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }
}
