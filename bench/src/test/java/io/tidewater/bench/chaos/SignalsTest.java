package io.tidewater.bench.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SignalsTest {

    @Test
    void aProcessThatAlreadyExitedIsReportedAsGoneRatherThanFailingTheFault() throws Exception {
        Process exited = new ProcessBuilder("true").start();
        assertThat(exited.waitFor(10, TimeUnit.SECONDS)).isTrue();

        assertThat(Signals.sendUnlessGone("STOP", exited.pid())).isFalse();
        assertThatThrownBy(() -> Signals.send("STOP", exited.pid())).isInstanceOf(IOException.class)
                .hasMessageContaining("kill -STOP " + exited.pid());
    }

    @Test
    void aLiveProcessIsStoppedAndResumed() throws Exception {
        Process sleeper = new ProcessBuilder("sleep", "30").start();
        try {
            assertThat(Signals.sendUnlessGone("STOP", sleeper.pid())).isTrue();
            assertThat(awaitStopped(sleeper.pid(), true)).isTrue();
            assertThat(Signals.sendUnlessGone("CONT", sleeper.pid())).isTrue();
            assertThat(awaitStopped(sleeper.pid(), false)).isFalse();
        } finally {
            sleeper.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Whether /proc says the process is stopped, once it says {@code expected} or after 10 s: signals land asynchronously. */
    private static boolean awaitStopped(long pid, boolean expected) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        boolean stopped;
        while ((stopped = stopped(pid)) != expected && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return stopped;
    }

    /** The state letter of /proc/PID/stat is T for a process stopped by a signal. */
    private static boolean stopped(long pid) throws IOException {
        String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc", Long.toString(pid), "stat"));
        return stat.charAt(stat.lastIndexOf(')') + 2) == 'T';
    }
}
