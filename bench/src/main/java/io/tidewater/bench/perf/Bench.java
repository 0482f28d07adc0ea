package io.tidewater.bench.perf;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code tidewater bench [--quick|--tiny] [--logs N] [--node-logs N] [--entities N,M] [--only a,b,...] [--runs N] [--out DIR]}:
 * measures Tidewater against the limits of Kafka and Postgres on this machine (issue 5, BENCHMARKS.md), prints the
 * table with the targets, and saves {@code <mode>.json} and {@code <mode>.svg} in the output directory. {@code --only}
 * runs some figures (letters a to h) and saves them as {@code <mode>-only-<letters>.json}, so a partial run never
 * replaces a whole one. {@code --runs N} repeats the whole measurement N times, saves each run under
 * {@code <name>-run<k>}, and the targets' medians and spread as {@code <name>-median.json}.
 */
public final class Bench {
    private static final String USAGE = "usage: tidewater bench [--quick|--tiny] [--logs N] [--node-logs N] [--entities N,M] [--only a,b,...] "
            + "[--runs N] [--streams KEY=VALUE]... [--out DIR]";
    private static final String HELP = String.join("\n", USAGE,
            "Measures Tidewater against the limits of Kafka and Postgres on this machine, prints the figures",
            "with their targets, and saves <mode>.json and <mode>.svg (BENCHMARKS.md says what each figure is):",
            "  a raw COPY, b the sink alone, c a bare Kafka Streams pass-through, d the topology alone,",
            "  e end to end (background and synchronous writer), f memory, g rollback, h RPC to Postgres.",
            "  --quick           small sizes, about 70 s; the default is the full run, 10 to 17 minutes on 2 cores",
            "  --tiny            smaller still (a smoke test)",
            "  --logs N          Transfer logs in the replay topic of c, d and e",
            "  --node-logs N     logs the fake node serves to h",
            "  --entities N,M    f's checkpoints, in distinct entities",
            "  --only a,b,...    only these figures, saved as <mode>-only-<letters>.json",
            "  --runs N          the whole run N times; each target's median and spread are saved as <mode>-median.json",
            "  --streams K=V     a Kafka Streams property for every run of the bench (repeatable)",
            "  --out DIR         where results go (the launcher passes bench/results)");

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of("bench", "results");
        BenchSizes sizes = BenchSizes.full();
        Set<Character> only = BenchRun.ALL;
        int runs = 1;
        try {
            for (int i = 0; i < args.length; i++) {
                String flag = args[i];
                switch (flag) {
                    case "--quick" -> sizes = BenchSizes.quick();
                    case "--tiny" -> sizes = BenchSizes.tiny();
                    case "--out" -> out = Path.of(value(args, ++i));
                    case "--logs" -> sizes = sizes.withLogs((int) count(flag, value(args, ++i)));
                    case "--node-logs" -> sizes = sizes.withNodeLogs((int) count(flag, value(args, ++i)));
                    case "--entities" -> sizes = sizes.withEntityCheckpoints(
                            Arrays.stream(value(args, ++i).split(",")).map(n -> count(flag, n)).toList());
                    case "--only" -> only = BenchRun.figures(value(args, ++i));
                    case "--runs" -> runs = (int) count(flag, value(args, ++i));
                    case "--streams" -> StreamsProps.addOverride(value(args, ++i));
                    case "--help", "-h" -> {
                        System.out.println(HELP);
                        return;
                    }
                    default -> throw new IllegalArgumentException("unknown argument '" + flag + "'");
                }
            }
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage() + "; " + USAGE);
            System.exit(2);
        }
        // Overrides must follow the mode they change.
        run(sizes, only, runs, out, System.out);
        // The embedded broker and Streams leave non-daemon threads behind.
        System.exit(0);
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException(args[i - 1] + " needs a value");
        }
        return args[i];
    }

    private static long count(String flag, String value) {
        try {
            long n = Long.parseLong(value.trim());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // Answered below, naming the flag.
        }
        throw new IllegalArgumentException(flag + " takes whole numbers of at least 1, got '" + value + "'");
    }

    /** Runs every measurement and writes the results; returns the path of the JSON file. */
    static Path run(BenchSizes sizes, Path outDir, PrintStream out) throws Exception {
        return run(sizes, BenchRun.ALL, outDir, out);
    }

    /** Runs the measurements of {@code only} (figure letters); a partial run is saved under a name of its own. */
    static Path run(BenchSizes sizes, Set<Character> only, Path outDir, PrintStream out) throws Exception {
        return run(sizes, only, 1, outDir, out);
    }

    /**
     * Runs the measurements {@code runs} times; with more than one, each run is saved under a name of
     * its own and the returned path is that of the medians.
     */
    static Path run(BenchSizes sizes, Set<Character> only, int runs, Path outDir, PrintStream out) throws Exception {
        String name = only.equals(BenchRun.ALL) ? sizes.mode()
                : sizes.mode() + "-only-" + only.stream().sorted().map(String::valueOf).collect(Collectors.joining());
        List<List<Targets.Target>> all = new ArrayList<>();
        Path last = null;
        for (int k = 1; k <= runs; k++) {
            if (runs > 1) {
                out.printf("bench: run %d of %d%n", k, runs);
            }
            Results results = new BenchRun(sizes, only, out).run();
            List<Targets.Target> targets = Targets.of(results);
            Targets.print(results, targets, out);
            last = write(outDir, runs == 1 ? name : name + "-run" + k, results, targets, out);
            all.add(targets);
        }
        if (runs == 1) {
            return last;
        }
        List<RunSpread.Spread> spreads = RunSpread.of(all);
        RunSpread.print(runs, spreads, out);
        Path json = outDir.resolve(name + "-median.json");
        Files.writeString(json, RunSpread.toJson(runs, spreads), StandardCharsets.UTF_8);
        out.println("bench: medians over " + runs + " runs in " + json);
        return json;
    }

    private static Path write(Path dir, String mode, Results results, List<Targets.Target> targets, PrintStream out) throws IOException {
        Files.createDirectories(dir);
        Path json = dir.resolve(mode + ".json");
        Files.writeString(json, results.toJson(Targets.ratios(targets)), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve(mode + ".svg"), SvgChart.render(results), StandardCharsets.UTF_8);
        out.println("bench: results in " + json + " and " + dir.resolve(mode + ".svg"));
        return json;
    }
}
