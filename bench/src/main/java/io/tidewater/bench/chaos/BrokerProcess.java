package io.tidewater.bench.chaos;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One Kafka broker JVM ({@code kafka.Kafka server.properties}) from the app's own jars, started,
 * stopped, killed, frozen and resumed by its pid. A stopped broker can be started again on the
 * same configuration and log directory; its output is appended to one file across restarts.
 *
 * <p>Threading: one owning thread.
 */
final class BrokerProcess {
    private final int nodeId;
    private final String address;
    private final Path properties;
    private final Path logFile;
    private final Path logbackConfig;
    private Process process;
    private boolean frozen;
    private int starts;

    /** @param address host:port of its client listener */
    BrokerProcess(int nodeId, String address, Path properties, Path logFile, Path logbackConfig) {
        this.nodeId = nodeId;
        this.address = address;
        this.properties = properties;
        this.logFile = logFile;
        this.logbackConfig = logbackConfig;
    }

    int nodeId() {
        return nodeId;
    }

    String address() {
        return address;
    }

    /** Starts the JVM unless it runs; returns at once (the cluster waits for it to register). */
    void start() throws IOException {
        if (alive()) {
            return;
        }
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms128m", "-Xmx384m", "-XX:+UseSerialGC",
                "-Dlogback.configurationFile=" + logbackConfig,
                "-cp", System.getProperty("java.class.path"),
                "kafka.Kafka", properties.toString());
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        process = pb.start();
        frozen = false;
        starts++;
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    boolean frozen() {
        return frozen;
    }

    long pid() {
        return process.pid();
    }

    /** How often this broker was started, the first start included. */
    int starts() {
        return starts;
    }

    /**
     * SIGTERM: a controlled shutdown (leadership moves away first), waited for.
     *
     * @return whether it exited within the time; if not, it is killed
     */
    boolean stopCleanly(long timeoutSeconds) throws IOException, InterruptedException {
        if (!alive()) {
            return true;
        }
        thawIfFrozen();
        process.destroy();
        if (process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            return true;
        }
        kill();
        return false;
    }

    /** SIGKILL: no controlled shutdown, no flush; the log is recovered at the next start. */
    void kill() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
            frozen = false;
        }
    }

    /** SIGSTOP: connections stay open, nothing answers, heartbeats to the quorum stop. */
    void freeze() throws IOException, InterruptedException {
        Signals.send("STOP", process.pid());
        frozen = true;
    }

    void thaw() throws IOException, InterruptedException {
        thawIfFrozen();
    }

    private void thawIfFrozen() throws IOException, InterruptedException {
        if (frozen && alive()) {
            Signals.send("CONT", process.pid());
        }
        frozen = false;
    }

    Path logFile() {
        return logFile;
    }
}
