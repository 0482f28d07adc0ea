package io.tidewater.topology.api;

/**
 * Where checkpointed batches go: the port the Postgres sink implements.
 *
 * <p>Threading contract: {@link #submit} is called on a stream thread and must not block on
 * I/O. The implementation writes on its own thread and reports through the callback exactly
 * once per batch, from any thread. Each task has at most one batch outstanding; a sink shared
 * by several tasks may see one from each.
 *
 * <p>A batch is a complete, consistent snapshot at {@link Batch#offset()}: writing it and its
 * progress row in one transaction makes Postgres show a prefix of the input. A batch whose
 * offset is not beyond the stored progress for its partition must be skipped and reported
 * as {@link BatchOutcome.Status#SKIPPED}: handlers are deterministic, so the same offset means
 * the same state.
 */
public interface BatchSink {
    void submit(Batch batch, BatchCallback callback);
}
