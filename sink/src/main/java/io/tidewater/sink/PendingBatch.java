package io.tidewater.sink;

import io.tidewater.topology.api.Batch;
import io.tidewater.topology.api.BatchCallback;
import io.tidewater.topology.api.BatchOutcome;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A submitted batch and its callback. The callback runs at most once, whichever of the writer
 * thread and {@code close()} gets there first; a callback that throws does not reach the writer.
 */
final class PendingBatch {
    private static final Logger log = LoggerFactory.getLogger(PendingBatch.class);

    private final Batch batch;
    private final BatchCallback callback;
    private final AtomicBoolean reported = new AtomicBoolean();

    PendingBatch(Batch batch, BatchCallback callback) {
        this.batch = batch;
        this.callback = callback;
    }

    Batch batch() {
        return batch;
    }

    void complete(BatchOutcome outcome) {
        if (reported.compareAndSet(false, true)) {
            try {
                callback.completed(outcome);
            } catch (RuntimeException e) {
                log.error("Batch callback threw on completion of {}/{}@{}", batch.topic(), batch.partition(), batch.offset(), e);
            }
        }
    }

    void fail(Throwable error) {
        if (reported.compareAndSet(false, true)) {
            try {
                callback.failed(error);
            } catch (RuntimeException e) {
                log.error("Batch callback threw on failure of {}/{}@{}", batch.topic(), batch.partition(), batch.offset(), e);
            }
        }
    }
}
