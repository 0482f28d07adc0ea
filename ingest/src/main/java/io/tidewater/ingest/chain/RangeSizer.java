package io.tidewater.ingest.chain;

import java.util.OptionalLong;

/**
 * How many blocks the next {@code eth_getLogs} asks for. It grows by half after a full-size
 * success and halves after a failure that says the query was too big (or took too long); when the
 * node names its limit, that becomes the ceiling for the rest of the run.
 *
 * <p>Threading: shared by all range fetchers; every method is synchronized.
 */
public final class RangeSizer {
    private long current;
    private long ceiling;

    public RangeSizer(long initial, long max) {
        this.ceiling = Math.max(1, max);
        this.current = Math.max(1, Math.min(initial, ceiling));
    }

    public synchronized long next() {
        return current;
    }

    /** A query over {@code span} blocks succeeded. */
    public synchronized void succeeded(long span) {
        if (span >= current) {
            current = Math.min(ceiling, Math.max(current + 1, current + current / 2));
        }
    }

    /**
     * A query over {@code span} blocks was too big.
     *
     * @return the span to try next, at least 1
     */
    public synchronized long shrink(long span, OptionalLong suggested) {
        if (suggested.isPresent() && suggested.getAsLong() < span) {
            ceiling = Math.max(1, Math.min(ceiling, suggested.getAsLong()));
            current = Math.min(current, ceiling);
        } else {
            current = Math.max(1, Math.min(current, span / 2));
        }
        return current;
    }

    public synchronized long ceiling() {
        return ceiling;
    }
}
