package io.tidewater.app.cli;

import io.tidewater.app.CommandFailedException;
import io.tidewater.app.config.LoadedConfig;

/** A runner that refuses every command: CLI tests check parsing and hand-off without starting anything. */
public class NotWiredRunner implements CommandRunner {
    @Override
    public int demo(DemoOptions options) {
        throw notWired("demo");
    }

    @Override
    public int replay(ReplayOptions options) {
        throw notWired("replay");
    }

    @Override
    public int run(LoadedConfig config) {
        throw notWired("run");
    }

    private static CommandFailedException notWired(String command) {
        return new CommandFailedException("'tidewater " + command
                + "' is not wired yet: this build has no Streams runner or Postgres sink");
    }
}
