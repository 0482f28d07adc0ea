package io.tidewater.topology.api;

import java.util.List;
import java.util.Map;

/**
 * Every unwritten entity of one input partition at one input offset: upserts, and deletes
 * for entities that are now absent.
 *
 * @param topic the input topic
 * @param partition the input partition; progress is kept per partition
 * @param offset the input offset this snapshot reflects
 * @param chains each chain's head block and hash at that offset
 * @param changes at most one change per entity
 */
public record Batch(String topic, int partition, long offset, Map<Long, ChainCheckpoint> chains,
        List<EntityChange> changes) {
    public Batch {
        chains = Map.copyOf(chains);
        changes = List.copyOf(changes);
    }
}
