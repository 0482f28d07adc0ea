package io.tidewater.ingest.rpc;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Capped exponential backoff with jitter, so that many ranges that failed together do not come
 * back together. Stateless: the caller counts its attempts.
 */
public record Backoff(Duration initial, Duration max) {

    /** Sleeps before retry number {@code attempt} (1 for the first retry). */
    public void pause(int attempt) throws InterruptedException {
        long base = initial.toMillis() << Math.min(Math.max(attempt - 1, 0), 20);
        long capped = Math.min(Math.max(base, 1), max.toMillis());
        Thread.sleep(capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1));
    }
}
