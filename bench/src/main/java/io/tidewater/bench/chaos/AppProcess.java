package io.tidewater.bench.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * One {@code tidewater run} JVM, started as an operator would start it, with its output in
 * files. The harness kills, freezes and resumes it through signals, never through an API the
 * app could cooperate with. What the harness learns from inside the process (a fault point hit,
 * a stall, a batch refused, a Streams state change) comes from the JSON lines of its signals
 * file, which the internal key {@code internal.fault.signals.path} asks for; its log is only
 * shown to people.
 */
final class AppProcess implements AutoCloseable {
    /** The environment form of the internal config keys of {@code FaultConfig}. */
    static final String FAULTS_VARIABLE = "TIDEWATER_INTERNAL_FAULTS";
    static final String SIGNALS_VARIABLE = "TIDEWATER_INTERNAL_FAULT_SIGNALS_PATH";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String name;
    private final Process process;
    private final Path output;
    private final Path signals;
    private final long startedNanos = System.nanoTime();

    private volatile long exitedNanos;

    private AppProcess(String name, Process process, Path output, Path signals) {
        this.name = name;
        this.process = process;
        this.output = output;
        this.signals = signals;
        process.onExit().thenRun(() -> exitedNanos = System.nanoTime());
    }

    /** When it exited, on {@link System#nanoTime()}'s scale, or 0 while it runs (or a moment after it exited). */
    long exitedNanos() {
        return exitedNanos;
    }

    /** Starts {@code tidewater run --config config} on this JVM's class path, so it runs the code under test. */
    static AppProcess start(String name, Path logDir, Path config, Map<String, String> env) throws IOException {
        return start(name, logDir, List.of("run", "--config", config.toString()), env);
    }

    /** Starts {@code tidewater <arguments>} on this JVM's class path, with its output and signals in {@code logDir}. */
    static AppProcess start(String name, Path logDir, List<String> arguments, Map<String, String> env) throws IOException {
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
        command.addAll(arguments);
        Files.createDirectories(logDir);
        // One file for both streams: which stream the logs use depends on the logback config on the class path.
        Path out = logDir.resolve(name + ".log");
        Path signals = logDir.resolve(name + ".signals.jsonl");
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile());
        // The harness's own environment must not leak faults or overrides into the app.
        pb.environment().keySet().removeIf(k -> k.startsWith("TIDEWATER_"));
        pb.environment().putAll(env);
        pb.environment().put(SIGNALS_VARIABLE, signals.toString());
        return new AppProcess(name, pb.start(), out, signals);
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

    /** Whether the last Streams state change this instance signalled was to RUNNING. */
    boolean streamsRunning() {
        List<JsonNode> all = signals();
        for (int i = all.size() - 1; i >= 0; i--) {
            if (isSignal(all.get(i), "streams-state")) {
                return all.get(i).path("to").asText().equals("RUNNING");
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

    /** The exit code, if it exited. */
    OptionalInt exitCode() {
        return process.isAlive() ? OptionalInt.empty() : OptionalInt.of(process.exitValue());
    }

    /**
     * The last line of its output that starts with {@code prefix}: how a command names the reason
     * it failed ({@code tidewater run: ...}, see the CLI's ErrorReporter).
     */
    Optional<String> reason(String prefix) {
        try {
            List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8);
            for (int i = lines.size() - 1; i >= 0; i--) {
                if (lines.get(i).startsWith(prefix)) {
                    return Optional.of(lines.get(i));
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    String outputTail() {
        try {
            String s = Files.readString(output, StandardCharsets.UTF_8);
            return s.length() <= 3000 ? s : s.substring(s.length() - 3000);
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    /**
     * This instance's signals so far, in order. A line still being written (no line break yet, or
     * not yet whole JSON) is left for the next read.
     */
    List<JsonNode> signals() {
        if (!Files.exists(signals)) {
            return List.of();
        }
        List<JsonNode> out = new ArrayList<>();
        try {
            String text = Files.readString(signals, StandardCharsets.UTF_8);
            for (String line : text.substring(0, text.lastIndexOf('\n') + 1).split("\n")) {
                if (!line.isBlank()) {
                    out.add(JSON.readTree(line));
                }
            }
        } catch (IOException e) {
            // Mid-write: read again on the next poll.
            return out;
        }
        return out;
    }

    static boolean isSignal(JsonNode signal, String name) {
        return signal.path("signal").asText().equals(name);
    }

    /**
     * Waits for a signal from index {@code from} on that matches; empty if none came within the
     * time or the process exited without one.
     */
    Optional<JsonNode> awaitSignal(Predicate<JsonNode> wanted, int from, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            boolean wasAlive = alive();
            List<JsonNode> all = signals();
            for (int i = from; i < all.size(); i++) {
                if (wanted.test(all.get(i))) {
                    return Optional.of(all.get(i));
                }
            }
            if (!wasAlive || System.nanoTime() > deadline) {
                return Optional.empty();
            }
            Thread.sleep(100);
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
