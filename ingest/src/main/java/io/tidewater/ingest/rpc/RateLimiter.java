package io.tidewater.ingest.rpc;

import java.util.concurrent.TimeUnit;

/**
 * Spaces JSON-RPC calls to at most a number per second across all threads. Each caller reserves
 * its slot under the lock and sleeps outside it, so waiting callers do not queue behind a sleeper.
 *
 * <p>Threading: safe for any number of threads.
 */
final class RateLimiter {
    private final long intervalNanos;
    private long nextFree;

    /** @param perSecond calls per second; 0 or less means unlimited */
    RateLimiter(double perSecond) {
        this.intervalNanos = perSecond <= 0 ? 0 : (long) (TimeUnit.SECONDS.toNanos(1) / perSecond);
        this.nextFree = System.nanoTime();
    }

    /** Waits until {@code calls} more calls may go out. */
    void acquire(int calls) throws InterruptedException {
        if (intervalNanos == 0) {
            return;
        }
        long slot;
        synchronized (this) {
            long now = System.nanoTime();
            slot = Math.max(now, nextFree);
            nextFree = slot + intervalNanos * calls;
        }
        long wait = slot - System.nanoTime();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }
}
