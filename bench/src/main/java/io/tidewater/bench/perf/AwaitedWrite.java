package io.tidewater.bench.perf;

import io.tidewater.topology.api.Batch;
import io.tidewater.topology.api.BatchCallback;
import io.tidewater.topology.api.BatchOutcome;
import io.tidewater.topology.api.BatchSink;
import java.util.concurrent.CompletableFuture;

/** Submits a batch and blocks the calling thread until the sink reports it. */
final class AwaitedWrite {
    private AwaitedWrite() {
    }

    static BatchOutcome submitAndWait(BatchSink sink, Batch batch) throws Exception {
        CompletableFuture<BatchOutcome> done = new CompletableFuture<>();
        sink.submit(batch, new BatchCallback() {
            @Override
            public void completed(BatchOutcome outcome) {
                done.complete(outcome);
            }

            @Override
            public void failed(Throwable error) {
                done.completeExceptionally(error);
            }
        });
        return done.get();
    }
}
