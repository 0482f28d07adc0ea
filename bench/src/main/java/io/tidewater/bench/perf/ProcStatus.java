package io.tidewater.bench.perf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Resident memory of this process from {@code /proc/self/status}, in MiB; NaN where there is no procfs. */
final class ProcStatus {
    private ProcStatus() {
    }

    static double rssMiB() {
        return field("VmRSS:");
    }

    /** The peak resident set since the process started. */
    static double peakRssMiB() {
        return field("VmHWM:");
    }

    private static double field(String name) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(name)) {
                    return Long.parseLong(line.substring(name.length()).trim().split("\\s+")[0]) / 1024.0;
                }
            }
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }
}
