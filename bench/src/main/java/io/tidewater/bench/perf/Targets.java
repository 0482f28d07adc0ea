package io.tidewater.bench.perf;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The targets of issue 13 (performance, round 3), computed from one run's figures, and the table
 * printed at the end. e's bound is that 20,000 events/s; its moonshot is 50,000.
 */
final class Targets {
    /** One target: the figure, how it compares, and the bound. */
    record Target(String name, double value, boolean atLeast, double bound) {
        boolean holds() {
            return Double.isFinite(value) && (atLeast ? value >= bound : value <= bound);
        }
    }

    private Targets() {
    }

    static List<Target> of(Results r) {
        List<Results.Memory> mem = r.memory();
        double rssFirst = mem.isEmpty() ? Double.NaN : mem.get(0).peakRssMiB();
        double rssLast = mem.isEmpty() ? Double.NaN : mem.get(mem.size() - 1).peakRssMiB();
        double rollback = r.rollbacks().stream().filter(x -> x.depth() == 100)
                .max((x, y) -> Integer.compare(x.entities(), y.entities())).map(Results.Rollback::commitMillis).orElse(Double.NaN);
        double worstWait = r.rollbacks().stream().mapToDouble(Results.Rollback::worstWaitMillis).max().orElse(Double.NaN);
        return List.of(
                new Target("e background events/s", r.get("e.background.events_per_s"), true, 20_000),
                new Target("e background / e synchronous", r.get("e.background.events_per_s") / r.get("e.synchronous.events_per_s"), true, 1.6),
                new Target("b / a (sink vs COPY, inserts)", r.get("b.sink.insert.rows_per_s") / r.get("a.copy.rows_per_s"), true, 0.7),
                new Target("d / c (topology vs pass-through)", r.get("d.topology.events_per_s") / r.get("c.passthrough.records_per_s"), true, 0.5),
                new Target("d changelog records per event", r.get("d.changelog_records_per_event"), false, 3.0),
                new Target("f peak RSS last / first checkpoint", rssLast / rssFirst, false, 1.2),
                new Target("f peak RSS MiB at last checkpoint", rssLast, false, 1024),
                new Target("g 100-block rollback, most entities, ms", rollback, false, 200),
                new Target("g longest restore-to-commit wait, any point, ms", worstWait, false, Results.Rollback.ANOMALY_MILLIS),
                new Target("h / e background (RPC vs replay to Postgres)", r.get("h.node.events_per_s") / r.get("e.background.events_per_s"),
                        true, 0.6));
    }

    static Map<String, Double> ratios(List<Target> targets) {
        Map<String, Double> m = new LinkedHashMap<>();
        targets.forEach(t -> m.put(t.name(), t.value()));
        return m;
    }

    static void print(Results r, List<Target> targets, PrintStream out) {
        out.println();
        out.printf(Locale.ROOT, "%-44s %14s %s%n", "figure", "value", "unit");
        r.figures().values().forEach(f -> out.printf(Locale.ROOT, "%-44s %14.1f %s%n", f.name(), f.value(), f.unit()));
        out.println();
        out.printf(Locale.ROOT, "%-10s %-10s %-10s %-14s %-14s%n", "depth", "entities", "restored", "commit ms", "detect ms");
        r.rollbacks().forEach(x -> out.printf(Locale.ROOT, "%-10d %-10d %-10d %-14.1f %-14.1f%n", x.depth(), x.entities(), x.restored(),
                x.commitMillis(), x.detectMillis()));
        r.rollbacks().stream().filter(Results.Rollback::anomalous).forEach(x -> out.printf(Locale.ROOT,
                "ANOMALY g: depth %d, %d entities: a commit came %.1f ms after its restore (more than %.0f ms)%n", x.depth(),
                x.entities(), x.worstWaitMillis(), Results.Rollback.ANOMALY_MILLIS));
        out.println();
        out.printf(Locale.ROOT, "%-14s %-12s %-14s %-12s%n", "entities", "RSS MiB", "peak RSS MiB", "heap MiB");
        r.memory().forEach(m -> out.printf(Locale.ROOT, "%-14d %-12.0f %-14.0f %-12.0f%n", m.entities(), m.rssMiB(), m.peakRssMiB(),
                m.heapUsedMiB()));
        out.println();
        out.printf(Locale.ROOT, "%-48s %12s %10s %s%n", "target", "measured", "bound", "holds");
        for (Target t : targets) {
            out.printf(Locale.ROOT, "%-48s %12.2f %3s%7.1f %s%n", t.name(), t.value(), t.atLeast() ? ">=" : "<=", t.bound(),
                    t.holds() ? "yes" : "NO");
        }
    }
}
