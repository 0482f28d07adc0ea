package io.tidewater.topology.internals;

import io.tidewater.topology.api.Batch;
import io.tidewater.topology.api.BatchCallback;
import io.tidewater.topology.api.BatchOutcome;
import io.tidewater.topology.api.BatchSink;
import io.tidewater.topology.api.EntityChange;
import io.tidewater.topology.api.EntityDefinition;
import io.tidewater.topology.api.FlowControl;
import io.tidewater.topology.api.IndexerListener;
import io.tidewater.topology.api.SinkFailedException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.utils.Bytes;

/**
 * Cuts batches from the dirty set and hands them to the sink, one in flight per task.
 *
 * <p>Threading contract: everything here runs on the task's stream thread, except the
 * {@link BatchCallback} given to the sink, which only enqueues a completion and releases flow
 * control. The stream thread drains completions and only then clears dirty entries, and only
 * those that did not change after the cut. A sink failure is sticky: once drained it is
 * rethrown on every later call, so nothing proceeds past a batch that did not land.
 */
final class BatchCoordinator {
    private record Completion(Batch batch, List<Bytes> keys, BatchOutcome outcome, Throwable error) {
    }

    private final String topic;
    private final int partition;
    private final String task;
    private final BatchSink sink;
    private final FlowControl flowControl;
    private final IndexerListener listener;
    private final DirtySet dirty;
    private final EntityStore store;
    private final EntityCatalog catalog;
    private final ChainTracker chains;
    private final BlockingQueue<Completion> completions = new LinkedBlockingQueue<>();

    private Batch inFlight;
    private long lastSubmittedOffset;
    private SinkFailedException failure;
    private boolean pauseRequested;
    private boolean cutRequested;

    BatchCoordinator(String topic, int partition, String task, BatchSink sink, FlowControl flowControl,
            IndexerListener listener, DirtySet dirty, EntityStore store, EntityCatalog catalog, ChainTracker chains) {
        this.topic = topic;
        this.partition = partition;
        this.task = task;
        this.sink = sink;
        this.flowControl = flowControl;
        this.listener = listener;
        this.dirty = dirty;
        this.store = store;
        this.catalog = catalog;
        this.chains = chains;
        // What is already written needs no batch after a restart, not even an empty one.
        this.lastSubmittedOffset = chains.writtenOffset();
    }

    /** Applies finished writes; rethrows the sink's failure, now and on every later call. */
    void drain() {
        throwIfFailed();
        Completion c;
        while ((c = completions.poll()) != null) {
            apply(c);
        }
    }

    boolean writing() {
        return inFlight != null;
    }

    long writtenOffset() {
        return chains.writtenOffset();
    }

    /** Cuts a batch if the writer is idle and there is anything new to write. */
    void cutIfIdle(long processedOffset) {
        throwIfFailed();
        if (inFlight != null) {
            return;
        }
        if (dirty.size() == 0 && processedOffset <= lastSubmittedOffset) {
            cutRequested = false;
            return;
        }
        List<Bytes> keys = new ArrayList<>(dirty.keys());
        List<EntityChange> changes = new ArrayList<>(keys.size());
        for (Bytes key : keys) {
            EntityDefinition<?> def = catalog.named(Keys.entityName(key));
            changes.add(new EntityChange(def, Keys.entityId(key), store.read(key), dirty.created(key)));
        }
        Batch batch = new Batch(topic, partition, processedOffset, chains.checkpoints(), changes);
        listener.batchCut(partition, processedOffset, changes.size());
        inFlight = batch;
        cutRequested = false;
        lastSubmittedOffset = processedOffset;
        sink.submit(batch, new BatchCallback() {
            @Override
            public void completed(BatchOutcome outcome) {
                completions.add(new Completion(batch, keys, outcome, null));
                flowControl.release(task);
            }

            @Override
            public void failed(Throwable error) {
                completions.add(new Completion(batch, keys, null, error));
                flowControl.release(task);
            }
        });
    }

    /** Asks for a cut after the current record, or as soon as the write in flight completes. */
    void requestCut() {
        cutRequested = true;
    }

    /**
     * After each record: a requested cut or the size trigger, then backpressure past the capacity
     * target. Input records since the written offset count as well as dirty entities: the undo
     * entries that name the dirty set after a crash are kept until written, so a handler that
     * keeps changing the same few entities would otherwise grow them without bound while the
     * database is down.
     */
    void afterRecord(long processedOffset, int sizeTrigger, int capacityTarget) {
        if (inFlight == null && (cutRequested || dirty.size() >= sizeTrigger)) {
            cutIfIdle(processedOffset);
        }
        boolean full = dirty.size() >= capacityTarget || processedOffset - chains.writtenOffset() >= capacityTarget;
        if (inFlight != null && full && !pauseRequested) {
            pauseRequested = true;
            flowControl.requestPause(task);
        }
    }

    /**
     * Writes everything: waits for the write in flight, cuts what is left, and waits for that.
     *
     * @throws SinkFailedException if the sink fails or the time runs out
     */
    void flush(long processedOffset, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            drain();
            if (inFlight == null) {
                if (dirty.size() == 0 && processedOffset <= lastSubmittedOffset) {
                    return;
                }
                if (processedOffset <= chains.writtenOffset()) {
                    // Everything through the processed offset is written and entities are still dirty:
                    // they changed after it, as only a record that threw part-way leaves. A cut would
                    // clear nothing, again and again.
                    throw new SinkFailedException("task " + task + ": " + dirty.size() + " unwritten entities changed after offset "
                            + processedOffset + ", the last record processed, so no batch can write them", null);
                }
                cutIfIdle(processedOffset);
            }
            long left = deadline - System.nanoTime();
            Completion c = null;
            try {
                c = left > 0 ? completions.poll(left, TimeUnit.NANOSECONDS) : null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (c == null) {
                throw new SinkFailedException("task " + task + ": " + dirty.size() + " unwritten entities were not flushed within "
                        + timeout.toMillis() + " ms", null);
            }
            apply(c);
        }
    }

    private void apply(Completion c) {
        // The write is over whatever follows: were the bookkeeping below to fail halfway (a
        // changelogged delete once the producer is fenced), a flush must not wait for it.
        inFlight = null;
        if (c.error() != null) {
            failure = new SinkFailedException("sink failed on the batch of partition " + c.batch().partition()
                    + " at offset " + c.batch().offset() + " (" + c.batch().changes().size() + " entities): "
                    + c.error().getMessage(), c.error());
            throw failure;
        }
        pauseRequested = false;
        dirty.clearWritten(c.keys(), c.batch().offset());
        chains.recordWritten(c.batch().offset());
        listener.batchCompleted(c.batch(), c.outcome());
        listener.dirtyEntities(partition, dirty.size());
    }

    private void throwIfFailed() {
        if (failure != null) {
            throw failure;
        }
    }
}
