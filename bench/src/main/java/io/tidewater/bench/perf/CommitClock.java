package io.tidewater.bench.perf;

import io.tidewater.topology.api.Batch;
import io.tidewater.topology.api.BatchCallback;
import io.tidewater.topology.api.BatchOutcome;
import io.tidewater.topology.api.BatchSink;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Wraps a sink and notes when each batch committed, from the sink's own callback, so that
 * latencies end at the Postgres commit rather than when the stream thread next drains.
 */
final class CommitClock implements BatchSink {
    private final BatchSink inner;
    private final AtomicLong lastCommitNanos = new AtomicLong();
    private final AtomicLong lastCommittedOffset = new AtomicLong(-1);

    CommitClock(BatchSink inner) {
        this.inner = inner;
    }

    @Override
    public void submit(Batch batch, BatchCallback callback) {
        inner.submit(batch, new BatchCallback() {
            @Override
            public void completed(BatchOutcome outcome) {
                lastCommitNanos.set(System.nanoTime());
                lastCommittedOffset.accumulateAndGet(batch.offset(), Math::max);
                callback.completed(outcome);
            }

            @Override
            public void failed(Throwable error) {
                callback.failed(error);
            }
        });
    }

    long lastCommitNanos() {
        return lastCommitNanos.get();
    }

    long lastCommittedOffset() {
        return lastCommittedOffset.get();
    }
}
