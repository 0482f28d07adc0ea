package io.tidewater.bench.perf;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * (f) Fills a topic with the many-holders workload, then runs {@link MemoryWorker} in a child JVM
 * with the same class path and a fixed heap, and collects its samples.
 */
final class MemoryFootprint {
    /** The worker's heap: fixed, so that RSS reflects the indexer's needs rather than the JVM's appetite. */
    static final String WORKER_HEAP = "-Xmx512m";

    private MemoryFootprint() {
    }

    static List<Results.Memory> measure(BenchStack stack, String topic, List<Long> checkpoints) throws Exception {
        long maxEntities = checkpoints.get(checkpoints.size() - 1);
        long logs = maxEntities / 2;
        stack.createTopic(topic);
        long records;
        try (TopicFeeder feeder = new TopicFeeder(stack.bootstrapServers(), topic)) {
            records = feeder.sendAll(Workloads.manyHolders(7, logs, 200));
        }
        List<String> command = new ArrayList<>(List.of(javaBinary(), WORKER_HEAP, "-cp", System.getProperty("java.class.path"),
                MemoryWorker.class.getName(), stack.bootstrapServers(), stack.jdbcUrl(), stack.user(), topic, Long.toString(records)));
        checkpoints.forEach(c -> command.add(Long.toString(c)));
        Process worker = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        List<Results.Memory> samples = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(worker.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith(MemoryWorker.PREFIX)) {
                    String[] f = line.substring(MemoryWorker.PREFIX.length()).trim().split(" ");
                    samples.add(new Results.Memory(Long.parseLong(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2]),
                            Double.parseDouble(f[3])));
                }
            }
        }
        if (!worker.waitFor(10, TimeUnit.MINUTES) || worker.exitValue() != 0) {
            worker.destroy();
            throw new IllegalStateException("the memory worker failed (exit " + (worker.isAlive() ? "none" : worker.exitValue()) + ")");
        }
        return samples;
    }

    private static String javaBinary() {
        return System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    }
}
