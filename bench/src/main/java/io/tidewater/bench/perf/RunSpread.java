package io.tidewater.bench.perf;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The targets over several runs ({@code --runs N}): each one's median, with the lowest and highest
 * value, so that a ratio is reported with its run-to-run spread. A target holds when its median
 * does; a run that could not compute a value (NaN) is left out of that target's figures.
 */
final class RunSpread {
    /** One target over the runs. */
    record Spread(Targets.Target median, double min, double max, double[] values) {
        boolean holds() {
            return median.holds();
        }
    }

    private RunSpread() {
    }

    static List<Spread> of(List<List<Targets.Target>> runs) {
        Map<String, List<Targets.Target>> byName = new LinkedHashMap<>();
        runs.forEach(run -> run.forEach(t -> byName.computeIfAbsent(t.name(), k -> new ArrayList<>()).add(t)));
        List<Spread> out = new ArrayList<>();
        for (List<Targets.Target> same : byName.values()) {
            Targets.Target first = same.get(0);
            double[] values = same.stream().mapToDouble(Targets.Target::value).filter(Double::isFinite).sorted().toArray();
            double median = values.length == 0 ? Double.NaN : median(values);
            double min = values.length == 0 ? Double.NaN : values[0];
            double max = values.length == 0 ? Double.NaN : values[values.length - 1];
            out.add(new Spread(new Targets.Target(first.name(), median, first.atLeast(), first.bound()), min, max, values));
        }
        return out;
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    static void print(int runs, List<Spread> spreads, PrintStream out) {
        out.println();
        out.printf(Locale.ROOT, "targets over %d runs%n", runs);
        out.printf(Locale.ROOT, "%-48s %10s %10s %10s %10s %s%n", "target", "median", "min", "max", "bound", "holds");
        for (Spread s : spreads) {
            Targets.Target t = s.median();
            out.printf(Locale.ROOT, "%-48s %10.2f %10.2f %10.2f %3s%7.1f %s%n", t.name(), t.value(), s.min(), s.max(),
                    t.atLeast() ? ">=" : "<=", t.bound(), s.holds() ? "yes" : "NO");
        }
    }

    static String toJson(int runs, List<Spread> spreads) {
        StringBuilder b = new StringBuilder("{\n  \"runs\": ").append(runs).append(",\n  \"targets\": {");
        List<String> items = new ArrayList<>();
        for (Spread s : spreads) {
            items.add("\n    " + Results.quote(s.median().name()) + ": {\"median\": " + Results.num(s.median().value())
                    + ", \"min\": " + Results.num(s.min()) + ", \"max\": " + Results.num(s.max()) + ", \"values\": "
                    + Arrays.stream(s.values()).mapToObj(Results::num).toList() + ", \"holds\": " + s.holds() + "}");
        }
        return b.append(String.join(",", items)).append("\n  }\n}\n").toString();
    }
}
