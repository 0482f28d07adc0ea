package io.tidewater.topology.api;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Named points where a reliability test may kill the process, as {@code kill -9} would: no
 * flush, no hooks. Off unless {@value #ENVIRONMENT_VARIABLE} names points, e.g.
 * {@code after-pg-commit:3,mid-rollback:1} (halt at the third and first hit). Production never
 * sets it; every point costs one null check when off.
 *
 * <p>One point stalls instead of halting: {@code stall-before-batch:N[:S]} holds the sink's
 * writer before it opens the transaction of its N-th batch, so a test can freeze the process
 * (SIGSTOP) while it holds a cut batch, let another instance write beyond it, and resume it: the
 * batch is then stale and must be refused. The stall ends once the process has been frozen and
 * resumed (seen as a jump of the wall clock of at least {@value #FREEZE_SECONDS} s), or after S
 * seconds (default {@value #DEFAULT_STALL_SECONDS}).
 */
public final class FaultInjector {
    public static final String ENVIRONMENT_VARIABLE = "TIDEWATER_FAULTS";
    /** What a SIGKILL'd JVM reports. */
    public static final int KILLED_EXIT_CODE = 137;

    /** Where faults can strike. */
    public enum Point {
        /** In a Postgres batch transaction, after its writes, before COMMIT. */
        MID_PG_TRANSACTION,
        /** Right after a batch's COMMIT, before the topology learns of it (and so before Kafka commits). */
        AFTER_PG_COMMIT,
        /** Halfway through undoing a rollback's changes in the store. */
        MID_ROLLBACK,
        /** While a store is being restored from its changelog. */
        DURING_RESTORE,
        /** Before a batch's transaction opens: stalls the writer instead of halting (see the class comment). */
        STALL_BEFORE_BATCH;

        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        /** Whether the point halts the process; the others stall. */
        public boolean halts() {
            return this != STALL_BEFORE_BATCH;
        }
    }

    /** A wall-clock jump this long while stalled means the process was frozen and resumed. */
    public static final int FREEZE_SECONDS = 3;
    public static final int DEFAULT_STALL_SECONDS = 120;
    private static final long TICK_MS = 100;

    public static final FaultInjector NONE = new FaultInjector(Map.of(), 0);

    private final Map<Point, AtomicInteger> armed;
    private final long stallMillis;
    private volatile boolean stalled;

    private FaultInjector(Map<Point, AtomicInteger> armed, long stallMillis) {
        this.armed = armed;
        this.stallMillis = stallMillis;
    }

    /** Reads {@value #ENVIRONMENT_VARIABLE}; a malformed value is an error, never silently ignored. */
    public static FaultInjector fromEnvironment(Map<String, String> env) {
        String spec = env.get(ENVIRONMENT_VARIABLE);
        if (spec == null || spec.isBlank()) {
            return NONE;
        }
        Map<Point, AtomicInteger> armed = new EnumMap<>(Point.class);
        long stallMillis = DEFAULT_STALL_SECONDS * 1_000L;
        for (String part : spec.split(",")) {
            String[] pointAndHit = part.trim().split(":");
            Point point = null;
            for (Point p : Point.values()) {
                if (p.label().equals(pointAndHit[0])) {
                    point = p;
                }
            }
            if (point == null || pointAndHit.length > (point.halts() ? 2 : 3)) {
                throw new IllegalArgumentException(ENVIRONMENT_VARIABLE + ": unknown fault '" + part + "'; expected one of "
                        + java.util.Arrays.stream(Point.values()).map(Point::label).toList()
                        + " with an optional :N (and, for a stall, :SECONDS)");
            }
            armed.put(point, new AtomicInteger(pointAndHit.length >= 2 ? Integer.parseInt(pointAndHit[1]) : 1));
            if (pointAndHit.length == 3) {
                stallMillis = Math.round(Double.parseDouble(pointAndHit[2]) * 1_000);
            }
        }
        return new FaultInjector(armed, stallMillis);
    }

    public boolean isArmed() {
        return !armed.isEmpty();
    }

    /** Halts the JVM if {@code point} is armed and this is its fatal hit. */
    public void hit(Point point) {
        AtomicInteger left = armed.get(point);
        if (left != null && !point.halts()) {
            throw new IllegalArgumentException(point.label() + " stalls; use stall()");
        }
        if (left != null && left.decrementAndGet() == 0) {
            System.err.println("tidewater: fault injected at " + point.label() + ": halting");
            System.err.flush();
            Runtime.getRuntime().halt(KILLED_EXIT_CODE);
        }
    }

    /**
     * Stalls the calling thread if {@code point} is armed and this is its hit: until the process
     * has been frozen and resumed, or the stall time ran out. Says so on stderr, with
     * {@code what} (e.g. the batch), at the start and at the end.
     *
     * @return whether this call stalled
     */
    public boolean stall(Point point, String what) {
        if (point.halts()) {
            throw new IllegalArgumentException(point.label() + " halts; use hit()");
        }
        AtomicInteger left = armed.get(point);
        if (left == null || left.decrementAndGet() != 0) {
            return false;
        }
        stalled = true;
        System.err.println("tidewater: fault injected at " + point.label() + ": stalling " + what);
        System.err.flush();
        long start = System.currentTimeMillis();
        long frozen = 0;
        try {
            while (System.currentTimeMillis() - start < stallMillis) {
                long before = System.currentTimeMillis();
                Thread.sleep(TICK_MS);
                long gap = System.currentTimeMillis() - before - TICK_MS;
                if (gap >= FREEZE_SECONDS * 1_000L) {
                    frozen = gap;
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        System.err.println("tidewater: fault " + point.label() + " ends: resuming " + what
                + (frozen > 0 ? " after the process was frozen for " + frozen / 1_000 + " s" : " after " + (System.currentTimeMillis() - start) + " ms"));
        System.err.flush();
        return true;
    }

    /** Whether a stall point has stalled this process: what happens after it is worth a log line. */
    public boolean hasStalled() {
        return stalled;
    }
}
