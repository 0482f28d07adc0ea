package io.tidewater.bench.chaos;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * One {@code tidewater run} JVM, started as an operator would start it, with its output in
 * files. The harness kills, freezes and resumes it through signals, never through an API the
 * app could cooperate with.
 */
final class AppProcess implements AutoCloseable {
    private final String name;
    private final Process process;
    private final Path output;
    private final long startedNanos = System.nanoTime();

    private AppProcess(String name, Process process, Path output) {
        this.name = name;
        this.process = process;
        this.output = output;
    }

    /** Starts {@code tidewater run --config config} on this JVM's class path, so it runs the code under test. */
    static AppProcess start(String name, Path logDir, Path config, Map<String, String> env) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx512m");
        // The app's own logging config, as an operator's run has it: a test class path carries a
        // logback-test.xml, which logback prefers, and it keeps io.tidewater at WARN, so INFO lines
        // such as a refused stale batch would never reach the instance's log.
        command.add("-Dlogback.configurationFile=logback.xml");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("io.tidewater.app.Tidewater");
        command.addAll(List.of("run", "--config", config.toString()));
        Files.createDirectories(logDir);
        // One file for both streams: which stream the logs use depends on the logback config on the class path.
        Path out = logDir.resolve(name + ".log");
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile());
        // The harness's own environment must not leak faults or overrides into the app.
        pb.environment().keySet().removeIf(k -> k.startsWith("TIDEWATER_"));
        pb.environment().putAll(env);
        return new AppProcess(name, pb.start(), out);
    }

    String name() {
        return name;
    }

    long pid() {
        return process.pid();
    }

    Duration uptime() {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    boolean alive() {
        return process.isAlive();
    }

    /** Whether the last Streams state change this instance logged was to RUNNING. */
    boolean streamsRunning() {
        List<String> all = lines();
        for (int i = all.size() - 1; i >= 0; i--) {
            if (all.get(i).contains("streams state ")) {
                return all.get(i).endsWith("-> RUNNING");
            }
        }
        return false;
    }

    /** SIGKILL: no shutdown hook, no flush, no Kafka commit. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM and wait: the orderly stop that flushes and exits 0. */
    OptionalInt terminate(Duration timeout) throws InterruptedException {
        process.destroy();
        return await(timeout);
    }

    OptionalInt await(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? OptionalInt.of(process.exitValue())
                : OptionalInt.empty();
    }

    /** SIGSTOP; false if the process had already exited. */
    boolean freeze() throws IOException, InterruptedException {
        return process.isAlive() && Signals.sendUnlessGone("STOP", process.pid());
    }

    void thaw() throws IOException, InterruptedException {
        Signals.send("CONT", process.pid());
    }

    String outputTail() {
        try {
            String s = Files.readString(output, StandardCharsets.UTF_8);
            return s.length() <= 3000 ? s : s.substring(s.length() - 3000);
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    /** This instance's output so far, line by line (empty if unreadable). */
    List<String> lines() {
        try (java.util.stream.Stream<String> lines = Files.lines(output, StandardCharsets.UTF_8)) {
            return lines.toList();
        } catch (IOException | java.io.UncheckedIOException e) {
            // A line cut mid-character while the process writes: read again on the next poll.
            return List.of();
        }
    }

    /**
     * Waits for a line from index {@code from} on that matches {@code pattern}; empty if none came
     * within the time or the process exited without one.
     */
    java.util.Optional<java.util.regex.Matcher> awaitLine(java.util.regex.Pattern pattern, int from, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            boolean wasAlive = alive();
            List<String> all = lines();
            for (int i = from; i < all.size(); i++) {
                java.util.regex.Matcher m = pattern.matcher(all.get(i));
                if (m.find()) {
                    return java.util.Optional.of(m);
                }
            }
            if (!wasAlive || System.nanoTime() > deadline) {
                return java.util.Optional.empty();
            }
            Thread.sleep(100);
        }
    }

    /** Lines of this instance's output that contain {@code text}. */
    long countLines(String text) {
        try (java.util.stream.Stream<String> lines = Files.lines(output, StandardCharsets.UTF_8)) {
            return lines.filter(l -> l.contains(text)).count();
        } catch (IOException | java.io.UncheckedIOException e) {
            return 0;
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            // A frozen process ignores nothing but SIGKILL; thaw anyway so no stopped JVM is left behind.
            try {
                thaw();
            } catch (IOException ignored) {
                // Already gone.
            }
            kill();
        }
    }
}
