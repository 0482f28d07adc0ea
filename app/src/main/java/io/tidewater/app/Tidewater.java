package io.tidewater.app;

import io.tidewater.app.runtime.DefaultCommandRunner;
import io.tidewater.app.runtime.ShutdownSignal;
import java.time.Duration;
import io.tidewater.app.cli.TidewaterCli;

/** The {@code tidewater} command. */
public final class Tidewater {
    private Tidewater() {
    }

    public static void main(String[] args) {
        ShutdownSignal signal = new ShutdownSignal(Duration.ofMinutes(3));
        int code = TidewaterCli.create(new DefaultCommandRunner(System.out, signal), System.getenv()).execute(args);
        signal.exit(code);
    }
}
