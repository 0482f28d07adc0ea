package io.tidewater.topology.api;

/**
 * Where one task stands, reported on every batch interval.
 *
 * @param partition the input partition
 * @param consumedOffset the last input offset consumed, whatever became of the record; -1 before any
 * @param processedOffset the last input offset that changed state
 * @param writtenOffset the offset of the last batch the sink completed; -1 before any
 * @param dirty entities changed and not yet written
 * @param writing whether a batch is in flight
 */
public record TaskProgress(int partition, long consumedOffset, long processedOffset, long writtenOffset, int dirty,
        boolean writing) {

    /** Nothing consumed is left to write: every change up to the consumed offset is in the sink. */
    public boolean caughtUp() {
        return dirty == 0 && !writing && writtenOffset >= processedOffset;
    }
}
