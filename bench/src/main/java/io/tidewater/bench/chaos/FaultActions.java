package io.tidewater.bench.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidewater.topology.internals.faults.FaultHook;
import io.tidewater.topology.internals.faults.FaultPoint;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.SplittableRandom;

/**
 * Performs one fault against the environment and says what it did: kills and Postgres faults
 * here, a second instance's in {@link ZombieFaults}, the brokers' in {@link BrokerFaults}. The input for the episode
 * has already been produced, so every fault strikes while there is work in flight. Each action
 * leaves a primary running (or about to be restarted by the drain), never a frozen process.
 */
final class FaultActions {
    /** The points that halt the process; the stall point is the frozen-instance fault's. */
    private static final FaultPoint[] POINTS = Arrays.stream(FaultPoint.values())
            .filter(FaultPoint::halts).toArray(FaultPoint[]::new);
    /** The signal of a batch the forward-only rule refused (BatchWriter). */
    static final String STALE_BATCH = "batch-refused";
    /** How long a Postgres fault waits for the group to settle before it goes ahead anyway. */
    private static final Duration SETTLE_PATIENCE = Duration.ofSeconds(120);

    private final ChaosEnvironment env;
    private final ChaosPlan plan;
    private final SplittableRandom random;
    private int pointKills;
    private int backendKillEpisodes;
    private final ZombieFaults zombieFaults;
    private final BrokerFaults brokerFaults;
    private String failure;

    /** @param moreInput produces another chunk of input, for the zombie's successor to write while the zombie is frozen */
    FaultActions(ChaosEnvironment env, ChaosPlan plan, SplittableRandom random, Runnable moreInput) {
        this.env = env;
        this.plan = plan;
        this.random = random;
        this.zombieFaults = new ZombieFaults(env, random, moreInput);
        this.brokerFaults = env.cluster()
                .map(c -> new BrokerFaults(c, plan, random, InputFeeder.INPUT_TOPIC, InputFeeder.PARTITIONS)).orElse(null);
    }

    /** After an episode's comparison, on the cluster: every broker back, with a full ISR, for the next fault. */
    java.util.Optional<String> healBrokers() throws java.io.IOException, InterruptedException {
        return brokerFaults == null ? java.util.Optional.empty() : java.util.Optional.of(brokerFaults.heal());
    }

    /** Frozen-instance episodes so far, in order. */
    List<ZombieFaults.ZombieEpisode> zombies() {
        return zombieFaults.episodes();
    }

    /** Why the last fault itself failed its check (a stale batch accepted), or null; cleared by reading. */
    String takeFailure() {
        String f = failure;
        failure = null;
        return f;
    }

    String perform(FaultKind kind) throws Exception {
        failure = null;
        return switch (kind) {
            case RANDOM_KILL -> randomKill(false);
            case WIPED_STATE -> randomKill(true);
            case POINT_KILL -> pointKill();
            case PG_STOP -> postgresStop();
            case PG_FREEZE -> postgresFreeze();
            case PG_BACKEND_KILL -> backendKills();
            case ZOMBIE_REBALANCE -> zombieFaults.secondInstance();
            case ZOMBIE_FROZEN -> {
                String note = zombieFaults.frozenInstance();
                failure = zombieFaults.takeFailure();
                yield note;
            }
            default -> {
                if (brokerFaults == null) {
                    throw new IllegalStateException(kind.label() + " needs the three-broker cluster (--brokers 3)");
                }
                yield brokerFaults.perform(kind);
            }
        };
    }

    private String randomKill(boolean wipe) throws Exception {
        env.ensurePrimary();
        long after = 100 + random.nextLong(plan.maxKillDelayMs());
        Thread.sleep(after);
        env.primary().kill();
        if (wipe) {
            env.wipePrimaryState();
        }
        env.ensurePrimary();
        return "SIGKILL after " + after + " ms" + (wipe ? ", state directory deleted" : "");
    }

    /**
     * Kills the running primary, then starts one armed at the next point, in turn. The points
     * need work to strike: a restart always restores (EOS wipes a crashed task's stores), and
     * the input just produced has batches and rollbacks in it.
     */
    private String pointKill() throws Exception {
        FaultPoint point = POINTS[pointKills++ % POINTS.length];
        int hit = point == FaultPoint.DURING_RESTORE ? 1 : 1 + random.nextInt(3);
        String spec = point.label() + ":" + hit;
        env.ensurePrimary();
        env.primary().kill();
        if (point == FaultPoint.DURING_RESTORE) {
            env.wipePrimaryState();
        }
        AppProcess armed = env.ensurePrimary(Map.of(AppProcess.FAULTS_VARIABLE, spec));
        OptionalInt code = armed.await(Duration.ofSeconds(60));
        String note;
        if (code.isPresent() && code.getAsInt() == FaultHook.KILLED_EXIT_CODE && armed.signals().stream()
                .anyMatch(sig -> AppProcess.isSignal(sig, "halted") && sig.path("point").asText().equals(point.label()))) {
            note = "halted at " + spec;
        } else if (code.isPresent()) {
            throw new IllegalStateException("instance armed with " + spec + " exited " + code.getAsInt() + " without hitting it:\n"
                    + armed.outputTail());
        } else {
            armed.kill();
            note = spec + " not reached within 60 s; SIGKILL instead";
        }
        env.ensurePrimary();
        return note;
    }

    private String postgresStop() throws Exception {
        FaultStart from = settledPrimary();
        long seconds = plan.outageSeconds(random);
        env.postgres().stopImmediately();
        Thread.sleep(seconds * 1_000);
        env.postgres().start();
        return "stopped (immediate) for " + seconds + " s" + survived(from);
    }

    private String postgresFreeze() throws Exception {
        FaultStart from = settledPrimary();
        long seconds = plan.freezeSeconds(random);
        env.postgres().freeze();
        Thread.sleep(seconds * 1_000);
        env.postgres().thaw();
        return "SIGSTOP for " + seconds + " s" + survived(from);
    }

    /**
     * Every 20 ms for a few seconds, every client backend is ended: pg_terminate_backend on one
     * episode, SIGKILL (a server-wide crash reset) on the next. Some land inside a batch's
     * transaction or its COMMIT, where the writer must learn from the progress row whether the
     * batch landed.
     */
    private String backendKills() throws Exception {
        FaultStart from = settledPrimary();
        boolean sigkill = backendKillEpisodes++ % 2 == 1;
        // As soon as the group is settled (at once, unless an instance just died): the chunk just
        // produced is being written now, a second later it may be done.
        long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        int killed = 0;
        while (System.nanoTime() < until) {
            try {
                killed += env.postgres().killBackends(sigkill);
            } catch (java.sql.SQLException | java.io.IOException recovering) {
                // After a SIGKILL the server resets every connection, ours too, and recovers; a
                // backend listed a moment ago may be gone already.
            }
            Thread.sleep(20);
        }
        return killed + " backends ended with " + (sigkill ? "SIGKILL" : "pg_terminate_backend") + survived(from);
    }

    /**
     * Where a Postgres fault starts: the index of the primary's next signal, and whether the group
     * had settled. The fault goes ahead either way; its note says when a rebalance during it may be
     * the last fault's.
     */
    private record FaultStart(int signal, boolean settled) {
    }

    /** Before a Postgres fault: a running primary in a settled group (see {@link ChaosEnvironment#awaitSettledGroup}). */
    private FaultStart settledPrimary() throws Exception {
        env.ensurePrimary();
        boolean settled = env.awaitSettledGroup(SETTLE_PATIENCE);
        return new FaultStart(env.ensurePrimary().signals().size(), settled);
    }

    /**
     * An outage must cause backpressure, never a crash nor a rebalance: the drain reports a dead
     * primary as a failure, and a Streams client that left RUNNING during the outage (to
     * REBALANCING or ERROR, as its signals say from the fault's start on) fails the episode.
     */
    private String survived(FaultStart start) {
        String unsettled = start.settled() ? "" : " (the group had not settled after " + SETTLE_PATIENCE.toSeconds() + " s)";
        return survivedSince(start.signal()) + unsettled;
    }

    private String survivedSince(int fromSignal) {
        AppProcess primary = env.primary();
        if (!primary.alive()) {
            return ", APP DIED: " + primary.outputTail();
        }
        List<JsonNode> all = primary.signals();
        List<String> changes = all.subList(Math.min(fromSignal, all.size()), all.size()).stream()
                .filter(sig -> AppProcess.isSignal(sig, "streams-state"))
                .filter(sig -> sig.path("from").asText().equals("RUNNING") || sig.path("to").asText().equals("ERROR"))
                .map(sig -> "streams state " + sig.path("from").asText() + " -> " + sig.path("to").asText())
                .toList();
        if (changes.isEmpty()) {
            return ", app stayed up, Streams stayed RUNNING";
        }
        failure = "  Kafka Streams left RUNNING during the outage: " + changes + "\n";
        return ", app stayed up, but Streams left RUNNING: " + changes;
    }
}
