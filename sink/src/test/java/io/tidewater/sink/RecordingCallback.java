package io.tidewater.sink;

import io.tidewater.topology.api.BatchCallback;
import io.tidewater.topology.api.BatchOutcome;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/** Records how a batch ended, and how many times the sink reported it. */
final class RecordingCallback implements BatchCallback {
    private final CompletableFuture<BatchOutcome> result = new CompletableFuture<>();
    private final AtomicInteger calls = new AtomicInteger();
    private volatile String thread;

    @Override
    public void completed(BatchOutcome outcome) {
        calls.incrementAndGet();
        thread = Thread.currentThread().getName();
        result.complete(outcome);
    }

    @Override
    public void failed(Throwable error) {
        calls.incrementAndGet();
        thread = Thread.currentThread().getName();
        result.completeExceptionally(error);
    }

    BatchOutcome outcome(Duration timeout) throws InterruptedException, ExecutionException, TimeoutException {
        return result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    BatchOutcome outcome() throws InterruptedException, ExecutionException, TimeoutException {
        return outcome(Duration.ofSeconds(30));
    }

    /** The error the batch failed with; fails the test if it did not fail within the time. */
    Throwable error() throws InterruptedException, TimeoutException {
        try {
            BatchOutcome outcome = outcome();
            throw new AssertionError("expected the batch to fail, but it completed: " + outcome);
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }

    boolean done() {
        return result.isDone();
    }

    int calls() {
        return calls.get();
    }

    String thread() {
        return thread;
    }
}
