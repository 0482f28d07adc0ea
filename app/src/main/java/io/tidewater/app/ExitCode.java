package io.tidewater.app;

/**
 * What {@code tidewater} exits with. Scripts and orchestrators rely on these: a usage or config
 * error will not fix itself on restart, a runtime failure might, and a deep reorg needs a human.
 */
public final class ExitCode {
    /** Done: everything consumed was written, or the command did what it was asked. */
    public static final int OK = 0;
    /** A runtime failure: the broker or database failed, a permanent write error, a bug. */
    public static final int FAILURE = 1;
    /** A bad flag, a bad config key or value, or malformed input to {@code produce}. */
    public static final int USAGE = 2;
    /** A reorg deeper than {@code reorg.threshold}; everything before it was written. */
    public static final int DEEP_REORG = 3;

    private ExitCode() {
    }
}
