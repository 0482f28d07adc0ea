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
    /**
     * The worker's heap, fixed and touched up front as a long-running service is deployed, so
     * that RSS growth reflects the indexer's state rather than the JVM growing its heap. Live
     * heap stays tens of MiB: entities and the undo log live in RocksDB, and the in-memory dirty
     * set is bounded by {@code capacity.target}. (The deployment files fix 512 MiB, for headroom.)
     */
    static final List<String> WORKER_HEAP = List.of("-Xms256m", "-Xmx256m", "-XX:+AlwaysPreTouch");
    /**
     * glibc gives each thread that allocates its own arena; RocksDB's flush and compaction
     * threads then leave memory fragmented across many of them. Two arenas keep RSS near what
     * RocksDB's bounded cache actually holds. The deployment files set the same.
     */
    static final String MALLOC_ARENA_MAX = "2";

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
        List<String> command = new ArrayList<>();
        command.add(javaBinary());
        command.addAll(WORKER_HEAP);
        String streams = System.getProperty(StreamsProps.OVERRIDES_PROPERTY);
        if (streams != null) {
            command.add("-D" + StreamsProps.OVERRIDES_PROPERTY + "=" + streams);
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"),
                MemoryWorker.class.getName(), stack.bootstrapServers(), stack.jdbcUrl(), stack.user(), topic, Long.toString(records)));
        checkpoints.forEach(c -> command.add(Long.toString(c)));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().put("MALLOC_ARENA_MAX", MALLOC_ARENA_MAX);
        Process worker = builder.start();
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
