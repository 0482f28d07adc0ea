package io.tidewater.bench.perf;

import io.tidewater.topology.api.Batch;
import io.tidewater.topology.api.BatchCallback;
import io.tidewater.topology.api.BatchOutcome;
import io.tidewater.topology.api.BatchSink;

/** A sink that completes every batch at once: the topology alone, with writing taken out. */
final class InstantSink implements BatchSink {
    @Override
    public void submit(Batch batch, BatchCallback callback) {
        callback.completed(BatchOutcome.written(0));
    }
}
