package io.tidewater.ingest.chain;

import io.tidewater.topology.api.DeepReorgException;

/**
 * The node's chain left ours further back than the ingester keeps block hashes
 * ({@code reorg.threshold}). Nothing of the new branch was produced. Exit code 3, as for the
 * indexer's own deep reorg: a human has to look at the node or the threshold.
 */
public class DeepForkException extends DeepReorgException {
    private static final long serialVersionUID = 1L;

    public DeepForkException(long chainId, long head, long lowestChecked, long window) {
        super(chainId, head, lowestChecked - 1, window, "the node's chain shares no block hash with what the ingester produced "
                + "down to block " + lowestChecked + ", the bottom of its window of " + window + " blocks");
    }
}
