package io.tidewater.bench.chaos;

import io.tidewater.topology.api.FaultInjector;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalInt;
import java.util.SplittableRandom;

/**
 * Performs one fault against the environment and says what it did. The input for the episode
 * has already been produced, so every fault strikes while there is work in flight. Each action
 * leaves a primary running (or about to be restarted by the drain), never a frozen process.
 */
final class FaultActions {
    private static final FaultInjector.Point[] POINTS = FaultInjector.Point.values();
    /** What the sink logs when the forward-only rule refuses a batch (BatchWriter). */
    static final String STALE_BATCH = "stored progress is already there";

    private final ChaosEnvironment env;
    private final ChaosPlan plan;
    private final SplittableRandom random;
    private final Runnable moreInput;
    private int pointKills;
    private int backendKillEpisodes;

    /** @param moreInput produces another chunk of input, for faults that want the others to move on meanwhile */
    FaultActions(ChaosEnvironment env, ChaosPlan plan, SplittableRandom random, Runnable moreInput) {
        this.env = env;
        this.plan = plan;
        this.random = random;
        this.moreInput = moreInput;
    }

    String perform(FaultKind kind) throws Exception {
        return switch (kind) {
            case RANDOM_KILL -> randomKill(false);
            case WIPED_STATE -> randomKill(true);
            case POINT_KILL -> pointKill();
            case PG_STOP -> postgresStop();
            case PG_FREEZE -> postgresFreeze();
            case PG_BACKEND_KILL -> backendKills();
            case ZOMBIE_REBALANCE -> secondInstance();
            case ZOMBIE_FROZEN -> frozenInstance();
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
        FaultInjector.Point point = POINTS[pointKills++ % POINTS.length];
        int hit = point == FaultInjector.Point.DURING_RESTORE ? 1 : 1 + random.nextInt(3);
        String spec = point.label() + ":" + hit;
        env.ensurePrimary();
        env.primary().kill();
        if (point == FaultInjector.Point.DURING_RESTORE) {
            env.wipePrimaryState();
        }
        AppProcess armed = env.ensurePrimary(Map.of(FaultInjector.ENVIRONMENT_VARIABLE, spec));
        OptionalInt code = armed.await(Duration.ofSeconds(60));
        String note;
        if (code.isPresent() && code.getAsInt() == FaultInjector.KILLED_EXIT_CODE
                && armed.outputTail().contains("fault injected at " + point.label())) {
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
        env.ensurePrimary();
        Thread.sleep(1_000);
        long seconds = plan.outageSeconds(random);
        env.postgres().stopImmediately();
        Thread.sleep(seconds * 1_000);
        env.postgres().start();
        return "stopped (immediate) for " + seconds + " s" + survived();
    }

    private String postgresFreeze() throws Exception {
        env.ensurePrimary();
        Thread.sleep(1_000);
        long seconds = plan.freezeSeconds(random);
        env.postgres().freeze();
        Thread.sleep(seconds * 1_000);
        env.postgres().thaw();
        return "SIGSTOP for " + seconds + " s" + survived();
    }

    /**
     * Every 20 ms for a few seconds, every client backend is ended: pg_terminate_backend on one
     * episode, SIGKILL (a server-wide crash reset) on the next. Some land inside a batch's
     * transaction or its COMMIT, where the writer must learn from the progress row whether the
     * batch landed.
     */
    private String backendKills() throws Exception {
        env.ensurePrimary();
        boolean sigkill = backendKillEpisodes++ % 2 == 1;
        // At once: the chunk just produced is being written now, a second later it may be done.
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
        return killed + " backends ended with " + (sigkill ? "SIGKILL" : "pg_terminate_backend") + survived();
    }

    /** An outage must cause backpressure, never a crash: the drain reports a dead primary as a failure. */
    private String survived() {
        return env.primary().alive() ? ", app stayed up" : ", APP DIED: " + env.primary().outputTail();
    }

    private String secondInstance() throws Exception {
        env.ensurePrimary();
        try (AppProcess second = env.launchSecondary()) {
            Thread.sleep(ChaosEnvironment.SESSION_TIMEOUT_MS + 2_000L);
            if (random.nextBoolean()) {
                OptionalInt code = second.terminate(Duration.ofMinutes(2));
                return "second instance joined, then SIGTERM (exit " + (code.isPresent() ? code.getAsInt() : "none") + ")";
            }
            second.kill();
            return "second instance joined, then SIGKILL";
        }
    }

    /**
     * The primary is frozen with work in flight; a second instance takes its partitions once the
     * session times out and carries on. Then the zombie wakes up and tries to finish what it was
     * doing: its Kafka transaction is fenced and its Postgres batch is behind the stored offset.
     */
    private String frozenInstance() throws Exception {
        AppProcess zombie = env.ensurePrimary();
        Thread.sleep(300 + random.nextLong(1_500));
        zombie.freeze();
        AppProcess successor = env.launchSecondary();
        Thread.sleep(ChaosEnvironment.SESSION_TIMEOUT_MS + 4_000L);
        moreInput.run();
        Thread.sleep(4_000L);
        zombie.thaw();
        Thread.sleep(5_000);
        zombie.kill();
        env.promote(successor);
        return "primary frozen " + (ChaosEnvironment.SESSION_TIMEOUT_MS + 8_000) / 1000 + " s while a successor took over, "
                + "resumed for 5 s, then killed; its stale batches refused by Postgres: " + zombie.countLines(STALE_BATCH);
    }
}
