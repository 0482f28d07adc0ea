package io.tidewater.sink;

import java.util.Objects;
import java.util.function.LongUnaryOperator;

/**
 * What a sink may learn from the process it runs in, beyond its config.
 *
 * @param processedHeads a chain's live processed head, or -1 when unknown: recorded beside the
 *     written head at each commit so that {@code tidewater_chains} shows how far processing is
 *     ahead of Postgres. Called on the writer thread: must be thread-safe.
 */
public record SinkOptions(LongUnaryOperator processedHeads) {
    public static final SinkOptions DEFAULT = new SinkOptions(chain -> -1);

    public SinkOptions {
        Objects.requireNonNull(processedHeads, "processedHeads");
    }
}
