package io.tidewater.topology.internals.faults;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.config.ConfigException;

/**
 * A {@link FaultHook} armed by {@link FaultConfig}: counts the hits of each armed point, halts or
 * stalls at the one named, and writes every signal. A halt is {@code Runtime.halt}, as
 * {@code kill -9} would end the process: no flush, no shutdown hooks.
 *
 * <p>A stall ends once the process has been frozen and resumed, seen as a jump of the wall clock
 * of at least {@value #FREEZE_SECONDS} s between two ticks, or after its stall time.
 *
 * <p>Threading: hit counts are atomic, so points on different threads count independently.
 */
final class ArmedFaults implements FaultHook {
    static final int FREEZE_SECONDS = 3;
    static final int DEFAULT_STALL_SECONDS = 120;
    private static final long TICK_MS = 100;

    private final Map<FaultPoint, AtomicInteger> armed;
    private final long stallMillis;
    private final FaultSignals signals;
    private volatile boolean stalled;

    private ArmedFaults(Map<FaultPoint, AtomicInteger> armed, long stallMillis, FaultSignals signals) {
        this.armed = armed;
        this.stallMillis = stallMillis;
        this.signals = signals;
    }

    /** Parses {@link FaultConfig#FAULTS_CONFIG}: empty arms nothing, and the hook only signals. */
    static ArmedFaults parse(String spec, FaultSignals signals) {
        Map<FaultPoint, AtomicInteger> armed = new EnumMap<>(FaultPoint.class);
        long stallMillis = DEFAULT_STALL_SECONDS * 1_000L;
        for (String part : spec.isBlank() ? new String[0] : spec.split(",")) {
            String[] fields = part.trim().split(":");
            FaultPoint point = FaultPoint.ofLabel(fields[0]);
            if (point == null || fields.length > (point.halts() ? 2 : 3)) {
                throw new ConfigException(FaultConfig.FAULTS_CONFIG, spec, "unknown fault '" + part + "'; expected one of "
                        + Arrays.stream(FaultPoint.values()).map(FaultPoint::label).toList()
                        + " with an optional :N (and, for a stall, :SECONDS)");
            }
            try {
                armed.put(point, new AtomicInteger(fields.length >= 2 ? Integer.parseInt(fields[1]) : 1));
                if (fields.length == 3) {
                    stallMillis = Math.round(Double.parseDouble(fields[2]) * 1_000);
                }
            } catch (NumberFormatException e) {
                throw new ConfigException(FaultConfig.FAULTS_CONFIG, spec, "'" + part + "' has a count or a time that is not a number");
            }
        }
        return new ArmedFaults(armed, stallMillis, signals);
    }

    @Override
    public void hit(FaultPoint point) {
        AtomicInteger left = armed.get(point);
        if (left == null) {
            return;
        }
        if (!point.halts()) {
            throw new IllegalArgumentException(point.label() + " stalls; use stall()");
        }
        if (left.decrementAndGet() == 0) {
            signals.write("halted", Map.of("point", point.label()));
            System.err.println("tidewater: fault injected at " + point.label() + ": halting");
            System.err.flush();
            Runtime.getRuntime().halt(KILLED_EXIT_CODE);
        }
    }

    @Override
    public boolean stall(FaultPoint point, Map<String, Object> about) {
        if (point.halts()) {
            throw new IllegalArgumentException(point.label() + " halts; use hit()");
        }
        AtomicInteger left = armed.get(point);
        if (left == null || left.decrementAndGet() != 0) {
            return false;
        }
        stalled = true;
        Map<String, Object> fields = new LinkedHashMap<>(about);
        fields.put("point", point.label());
        signals.write("stalled", fields);
        System.err.println("tidewater: fault injected at " + point.label() + ": stalling " + about);
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
        fields.put("frozenMillis", frozen);
        fields.put("stalledMillis", System.currentTimeMillis() - start);
        signals.write("resumed", fields);
        return true;
    }

    @Override
    public boolean hasStalled() {
        return stalled;
    }

    @Override
    public void signal(String name, Map<String, Object> fields) {
        signals.write(name, fields);
    }
}
