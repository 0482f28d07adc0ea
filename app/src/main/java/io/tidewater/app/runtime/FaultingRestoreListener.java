package io.tidewater.app.runtime;

import io.tidewater.topology.internals.faults.FaultHook;
import io.tidewater.topology.internals.faults.FaultPoint;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.processor.StateRestoreListener;

/** Gives reliability tests a way to kill the process while a store is restored from its changelog. */
final class FaultingRestoreListener implements StateRestoreListener {
    private final FaultHook faults;

    FaultingRestoreListener(FaultHook faults) {
        this.faults = faults;
    }

    @Override
    public void onRestoreStart(TopicPartition partition, String store, long startingOffset, long endingOffset) {
    }

    @Override
    public void onBatchRestored(TopicPartition partition, String store, long batchEndOffset, long numRestored) {
        faults.hit(FaultPoint.DURING_RESTORE);
    }

    @Override
    public void onRestoreEnd(TopicPartition partition, String store, long totalRestored) {
    }
}
