package io.tidewater.app.runtime;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * SIGTERM and Ctrl-C as a request to stop, not an abrupt end. The JVM halts as soon as its
 * shutdown hooks return, and then reports 143 whatever the command wanted; so the hook holds the
 * JVM open (up to a patience) while the command flushes, and {@link #exit} halts it with the
 * command's own code.
 */
public final class ShutdownSignal {
    private final CountDownLatch requested = new CountDownLatch(1);
    private final Duration patience;
    private boolean installed;
    /** Set when the command ends the JVM itself: the hook then has nothing to wait for. */
    private volatile boolean exiting;

    /** @param patience how long a signal waits for the command to finish before the JVM halts anyway */
    public ShutdownSignal(Duration patience) {
        this.patience = patience;
    }

    /** How long a signal lets the command go on before the JVM halts anyway. */
    public Duration patience() {
        return patience;
    }

    /** Starts listening for SIGTERM and Ctrl-C; idempotent. */
    public synchronized void install() {
        if (installed) {
            return;
        }
        installed = true;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            requested.countDown();
            if (exiting) {
                // System.exit from exit() below runs this hook too; waiting here would only delay
                // a failed command's exit by the whole patience.
                return;
            }
            // Holds the JVM open while the command flushes; exit() then halts it with its code.
            try {
                Thread.sleep(patience.toMillis());
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
            // Not releasing the hook first: once it returns, the JVM races us to halt with 143.
            Runtime.getRuntime().halt(code);
        }
        exiting = true;
        System.exit(code);
    }
}
