package io.tidewater.ingest.chain;

/**
 * A fork's walk back reached a block the node no longer knows: the node left the branch being
 * walked for a newer one while the walk went on. Nothing was produced; the fork is looked at again
 * from the node's head.
 */
public class AbandonedBranchException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public AbandonedBranchException(long chainId, long block, String hash) {
        super("chain " + chainId + ": the node no longer knows block " + block + " (" + hash + ") of the branch being walked back");
    }
}
