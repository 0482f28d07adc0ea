package io.tidewater.bench.perf;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code tidewater bench [--quick|--tiny] [--logs N] [--entities N,M] [--out DIR]}: measures Tidewater against the limits
 * of Kafka and Postgres on this machine (issue 5, BENCHMARKS.md), prints the table with the
 * targets, and saves {@code <mode>.json} and {@code <mode>.svg} in the output directory.
 */
public final class Bench {
    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of("bench", "results");
        BenchSizes sizes = BenchSizes.full();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> sizes = BenchSizes.quick();
                case "--tiny" -> sizes = BenchSizes.tiny();
                case "--out" -> out = Path.of(args[++i]);
                case "--logs" -> sizes = sizes.withLogs(Integer.parseInt(args[++i]));
                case "--entities" -> sizes = sizes.withEntityCheckpoints(
                        java.util.Arrays.stream(args[++i].split(",")).map(Long::parseLong).toList());
                case "--help", "-h" -> {
                    System.out.println("usage: tidewater bench [--quick|--tiny] [--logs N] [--entities N,M] [--out DIR]");
                    return;
                }
                default -> {
                    System.err.println("bench: unknown argument '" + args[i] + "'; usage: tidewater bench [--quick|--tiny] [--logs N] [--entities N,M] [--out DIR]");
                    System.exit(2);
                }
            }
        }
        // Overrides must follow the mode they change.
        run(sizes, out, System.out);
        // The embedded broker and Streams leave non-daemon threads behind.
        System.exit(0);
    }

    /** Runs every measurement and writes the results; returns the path of the JSON file. */
    static Path run(BenchSizes sizes, Path outDir, PrintStream out) throws Exception {
        Results results = new BenchRun(sizes, out).run();
        List<Targets.Target> targets = Targets.of(results);
        Targets.print(results, targets, out);
        return write(outDir, sizes.mode(), results, targets, out);
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
