package io.tidewater.bench.perf;

import io.tidewater.topology.api.Batch;
import io.tidewater.topology.api.BatchOutcome;
import io.tidewater.topology.api.BatchSink;
import io.tidewater.topology.api.BatchCallback;

/**
 * The same sink, but each write awaited: {@code submit} blocks the stream thread until the
 * inner sink reports, so processing stops while Postgres writes. This is the design without a
 * background writer, measured with the same code.
 */
final class SynchronousSink implements BatchSink {
    private final BatchSink inner;

    SynchronousSink(BatchSink inner) {
        this.inner = inner;
    }

    @Override
    public void submit(Batch batch, BatchCallback callback) {
        BatchOutcome outcome;
        try {
            outcome = AwaitedWrite.submitAndWait(inner, batch);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            callback.failed(e);
            return;
        } catch (Exception e) {
            callback.failed(e.getCause() == null ? e : e.getCause());
            return;
        }
        callback.completed(outcome);
    }
}
