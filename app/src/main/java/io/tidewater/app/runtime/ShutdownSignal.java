package io.tidewater.app.runtime;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * SIGTERM and Ctrl-C as a request to stop, not an abrupt end. The JVM halts as soon as its
 * shutdown hooks return, and then reports 143 whatever the command wanted; so the hook waits
 * until the command has flushed, and {@link #exit} ends the JVM with the command's own code.
 */
public final class ShutdownSignal {
    private final CountDownLatch requested = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Duration patience;
    private boolean installed;

    /** @param patience how long a signal waits for the command to finish before the JVM halts anyway */
    public ShutdownSignal(Duration patience) {
        this.patience = patience;
    }

    /** Starts listening for SIGTERM and Ctrl-C; idempotent. */
    public synchronized void install() {
        if (installed) {
            return;
        }
        installed = true;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            requested.countDown();
            try {
                finished.await(patience.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "tidewater-shutdown"));
    }

    /** Waits up to {@code timeout} for a stop request; true if one came. */
    public boolean await(Duration timeout) throws InterruptedException {
        return requested.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public boolean isRequested() {
        return requested.getCount() == 0;
    }

    /** Ends the JVM with {@code code}, also when a signal is already shutting it down. */
    public void exit(int code) {
        System.out.flush();
        System.err.flush();
        if (isRequested()) {
            finished.countDown();
            Runtime.getRuntime().halt(code);
        }
        System.exit(code);
    }
}
