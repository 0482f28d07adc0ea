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
        DURING_RESTORE;

        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    public static final FaultInjector NONE = new FaultInjector(Map.of());

    private final Map<Point, AtomicInteger> armed;

    private FaultInjector(Map<Point, AtomicInteger> armed) {
        this.armed = armed;
    }

    /** Reads {@value #ENVIRONMENT_VARIABLE}; a malformed value is an error, never silently ignored. */
    public static FaultInjector fromEnvironment(Map<String, String> env) {
        String spec = env.get(ENVIRONMENT_VARIABLE);
        if (spec == null || spec.isBlank()) {
            return NONE;
        }
        Map<Point, AtomicInteger> armed = new EnumMap<>(Point.class);
        for (String part : spec.split(",")) {
            String[] pointAndHit = part.trim().split(":");
            Point point = null;
            for (Point p : Point.values()) {
                if (p.label().equals(pointAndHit[0])) {
                    point = p;
                }
            }
            if (point == null || pointAndHit.length > 2) {
                throw new IllegalArgumentException(ENVIRONMENT_VARIABLE + ": unknown fault '" + part + "'; expected one of "
                        + java.util.Arrays.stream(Point.values()).map(Point::label).toList() + " with an optional :N");
            }
            armed.put(point, new AtomicInteger(pointAndHit.length == 2 ? Integer.parseInt(pointAndHit[1]) : 1));
        }
        return new FaultInjector(armed);
    }

    public boolean isArmed() {
        return !armed.isEmpty();
    }

    /** Halts the JVM if {@code point} is armed and this is its fatal hit. */
    public void hit(Point point) {
        AtomicInteger left = armed.get(point);
        if (left != null && left.decrementAndGet() == 0) {
            System.err.println("tidewater: fault injected at " + point.label() + ": halting");
            System.err.flush();
            Runtime.getRuntime().halt(KILLED_EXIT_CODE);
        }
    }
}
