package io.tidewater.topology.api;

/** A batch that the sink finished with. */
public record BatchOutcome(Status status, long durationNanos) {
    public enum Status {
        /** Committed in this call. */
        WRITTEN,
        /** Its offset was already covered by stored progress; nothing was changed. */
        SKIPPED
    }

    public static BatchOutcome written(long durationNanos) {
        return new BatchOutcome(Status.WRITTEN, durationNanos);
    }

    public static BatchOutcome skipped(long durationNanos) {
        return new BatchOutcome(Status.SKIPPED, durationNanos);
    }
}
