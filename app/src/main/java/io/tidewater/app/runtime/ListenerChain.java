package io.tidewater.app.runtime;

import io.tidewater.topology.api.Batch;
import io.tidewater.topology.api.BatchOutcome;
import io.tidewater.topology.api.IndexerListener;
import io.tidewater.topology.api.TaskProgress;
import java.util.List;

/** Hands every report to several listeners, in the order given: a reader of one may rely on the ones before it. */
final class ListenerChain implements IndexerListener {
    private final List<IndexerListener> listeners;

    ListenerChain(List<IndexerListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    @Override
    public void recordConsumed(int partition, long offset) {
        listeners.forEach(l -> l.recordConsumed(partition, offset));
    }

    @Override
    public void chainAdvanced(long chainId, long head) {
        listeners.forEach(l -> l.chainAdvanced(chainId, head));
    }

    @Override
    public void logApplied(long chainId, String event) {
        listeners.forEach(l -> l.logApplied(chainId, event));
    }

    @Override
    public void duplicateSkipped(long chainId) {
        listeners.forEach(l -> l.duplicateSkipped(chainId));
    }

    @Override
    public void unhandledEvent(long chainId, String event) {
        listeners.forEach(l -> l.unhandledEvent(chainId, event));
    }

    @Override
    public void deadLettered(String category) {
        listeners.forEach(l -> l.deadLettered(category));
    }

    @Override
    public void rolledBack(long chainId, long fromHead, long toBlock, int changesUndone) {
        listeners.forEach(l -> l.rolledBack(chainId, fromHead, toBlock, changesUndone));
    }

    @Override
    public void dirtyEntities(int partition, long count) {
        listeners.forEach(l -> l.dirtyEntities(partition, count));
    }

    @Override
    public void progress(TaskProgress progress) {
        listeners.forEach(l -> l.progress(progress));
    }

    @Override
    public void batchCut(int partition, long offset, int entities) {
        listeners.forEach(l -> l.batchCut(partition, offset, entities));
    }

    @Override
    public void batchCompleted(Batch batch, BatchOutcome outcome) {
        listeners.forEach(l -> l.batchCompleted(batch, outcome));
    }

    @Override
    public void flushFailed(int partition, long unwritten, Throwable cause) {
        listeners.forEach(l -> l.flushFailed(partition, unwritten, cause));
    }
}
