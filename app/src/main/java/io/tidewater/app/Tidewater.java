package io.tidewater.app;

import io.tidewater.app.runtime.DefaultCommandRunner;
import io.tidewater.app.cli.TidewaterCli;

/** The {@code tidewater} command. */
public final class Tidewater {
    private Tidewater() {
    }

    public static void main(String[] args) {
        System.exit(TidewaterCli.create(new DefaultCommandRunner(System.out), System.getenv()).execute(args));
    }
}
