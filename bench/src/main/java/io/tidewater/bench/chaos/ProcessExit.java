package io.tidewater.bench.chaos;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * An exit nobody asked for, as a supervisor sees it: which process, its exit code, the reason it
 * printed (its command's one-line error, if any) and when.
 */
record ProcessExit(String name, int code, Optional<String> reason, long atNanos) {
    /** @param prefix how the command's error line starts, e.g. {@code "tidewater run: "} */
    static ProcessExit of(AppProcess p, String prefix) {
        OptionalInt code = p.exitCode();
        long at = p.exitedNanos() != 0 ? p.exitedNanos() : System.nanoTime();
        return new ProcessExit(p.name(), code.orElse(-1), p.reason(prefix), at);
    }

    /** Non-zero with a reason: what the app must do when it cannot go on by itself. */
    boolean explained() {
        return code != 0 && reason.isPresent();
    }

    @Override
    public String toString() {
        return name + " exit " + code + ": " + reason.orElse("(no reason printed)");
    }
}
