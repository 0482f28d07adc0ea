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
}
