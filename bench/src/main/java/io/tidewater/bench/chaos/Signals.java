package io.tidewater.bench.chaos;

import java.io.IOException;

/** POSIX signals the JDK cannot send itself (it has only TERM and KILL): STOP and CONT. */
final class Signals {
    private Signals() {
    }

    static void send(String signal, long pid) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).redirectErrorStream(true).start();
        String output = new String(kill.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (kill.waitFor() != 0) {
            throw new IOException("kill -" + signal + " " + pid + " failed: " + output.strip());
        }
    }

    /**
     * Like {@link #send}, but a process that exited before the signal reached it is not an error.
     *
     * @return whether the process got the signal
     */
    static boolean sendUnlessGone(String signal, long pid) throws IOException, InterruptedException {
        try {
            send(signal, pid);
            return true;
        } catch (IOException e) {
            if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                throw e;
            }
            return false;
        }
    }
}
