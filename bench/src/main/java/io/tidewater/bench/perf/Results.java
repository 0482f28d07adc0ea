package io.tidewater.bench.perf;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The figures of one run, in the order they were measured: named scalars (with their unit) and
 * rollback grid points. Written once per measurement on the harness thread.
 */
final class Results {
    /** One named figure. */
    record Figure(String name, double value, String unit) {
    }

    /**
     * One rollback grid point: medians over the repetitions, and the longest wait of any
     * repetition between the restore on the stream thread and the Postgres commit (commit minus
     * detect), which the medians would hide.
     */
    record Rollback(int depth, int entities, int restored, double commitMillis, double detectMillis, double worstWaitMillis) {
        /** A wait the write itself does not explain: a lock, a retry, a bad plan. */
        static final double ANOMALY_MILLIS = 1_000;

        boolean anomalous() {
            return worstWaitMillis > ANOMALY_MILLIS;
        }
    }

    /** Memory at one checkpoint of distinct entities. */
    record Memory(long entities, double rssMiB, double peakRssMiB, double heapUsedMiB) {
    }

    private final Map<String, Figure> figures = new LinkedHashMap<>();
    private final List<Rollback> rollbacks = new ArrayList<>();
    private final List<Memory> memory = new ArrayList<>();
    private final Map<String, String> context = new LinkedHashMap<>();

    void put(String name, double value, String unit) {
        figures.put(name, new Figure(name, value, unit));
    }

    double get(String name) {
        Figure f = figures.get(name);
        return f == null ? Double.NaN : f.value();
    }

    void context(String key, String value) {
        context.put(key, value);
    }

    void rollback(Rollback r) {
        rollbacks.add(r);
    }

    void memory(Memory m) {
        memory.add(m);
    }

    Map<String, Figure> figures() {
        return figures;
    }

    List<Rollback> rollbacks() {
        return rollbacks;
    }

    List<Memory> memory() {
        return memory;
    }

    String toJson(Map<String, Double> ratios) {
        StringBuilder b = new StringBuilder("{\n  \"context\": {");
        join(b, context.entrySet().stream().map(e -> "\n    " + quote(e.getKey()) + ": " + quote(e.getValue())).toList());
        b.append("\n  },\n  \"figures\": {");
        join(b, figures.values().stream().map(f -> "\n    " + quote(f.name()) + ": {\"value\": " + num(f.value())
                + ", \"unit\": " + quote(f.unit()) + "}").toList());
        b.append("\n  },\n  \"ratios\": {");
        join(b, ratios.entrySet().stream().map(e -> "\n    " + quote(e.getKey()) + ": " + num(e.getValue())).toList());
        b.append("\n  },\n  \"memory\": [");
        join(b, memory.stream().map(m -> "\n    {\"entities\": " + m.entities() + ", \"rssMiB\": " + num(m.rssMiB())
                + ", \"peakRssMiB\": " + num(m.peakRssMiB()) + ", \"heapUsedMiB\": " + num(m.heapUsedMiB()) + "}").toList());
        b.append("\n  ],\n  \"rollbacks\": [");
        join(b, rollbacks.stream().map(r -> "\n    {\"depth\": " + r.depth() + ", \"entities\": " + r.entities()
                + ", \"restored\": " + r.restored() + ", \"commitMillis\": " + num(r.commitMillis())
                + ", \"detectMillis\": " + num(r.detectMillis()) + ", \"worstWaitMillis\": " + num(r.worstWaitMillis()) + "}").toList());
        return b.append("\n  ]\n}\n").toString();
    }

    private static void join(StringBuilder b, List<String> items) {
        b.append(String.join(",", items));
    }

    static String num(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.3f", v) : "null";
    }

    static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
