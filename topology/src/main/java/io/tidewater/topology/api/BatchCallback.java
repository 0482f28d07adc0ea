package io.tidewater.topology.api;

/** How a {@link BatchSink} reports the fate of one batch, from its own thread. */
public interface BatchCallback {
    void completed(BatchOutcome outcome);

    /**
     * The batch did not land and will not: the sink gave up (a permanent error). The indexer
     * stops; nothing after the last completed batch counts as written.
     */
    void failed(Throwable error);
}
