package io.tidewater.app.runtime;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Interrupts a working thread once a stop condition holds (Ctrl-C, SIGTERM, the indexer gone):
 * the ingester's blocking calls all end on an interrupt.
 *
 * <p>Threading: its own daemon thread polls the condition; {@link #close()} from the working thread.
 */
final class StopWatcher implements AutoCloseable {
    private final Thread thread;
    private volatile boolean closed;
    private volatile boolean fired;

    private StopWatcher(Thread target, BooleanSupplier stop) {
        this.thread = new Thread(() -> {
            while (!closed) {
                if (stop.getAsBoolean()) {
                    fired = true;
                    target.interrupt();
                    return;
                }
                try {
                    Thread.sleep(Duration.ofMillis(200).toMillis());
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "tidewater-stop-watcher");
        thread.setDaemon(true);
    }

    /** Watches {@code stop} on behalf of the calling thread. */
    static StopWatcher interruptCallerWhen(BooleanSupplier stop) {
        StopWatcher w = new StopWatcher(Thread.currentThread(), stop);
        w.thread.start();
        return w;
    }

    /** Whether the condition held and the thread was interrupted. */
    boolean fired() {
        return fired;
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        if (fired) {
            // The interrupt may not have been consumed by a blocking call: clear it for the cleanup that follows.
            Thread.interrupted();
        }
    }
}
