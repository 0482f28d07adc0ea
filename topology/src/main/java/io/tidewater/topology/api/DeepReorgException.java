package io.tidewater.topology.api;

/**
 * A reorg deeper than the configured threshold, or below the history still kept. The indexer
 * stops on it: such a reorg means the chain source or the threshold is wrong, and guessing
 * would leave Postgres inconsistent. Everything before the record is written first.
 */
public class DeepReorgException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final long chainId;
    private final long head;
    private final long lastValidBlock;
    private final long threshold;

    public DeepReorgException(long chainId, long head, long lastValidBlock, long threshold, String why) {
        super("deep reorg on chain " + chainId + ": head " + head + ", last valid block " + lastValidBlock
                + ", depth " + (head - lastValidBlock) + " exceeds the reorg threshold " + threshold
                + " (" + why + "); nothing of it was applied. Raise reorg.threshold or resync the chain.");
        this.chainId = chainId;
        this.head = head;
        this.lastValidBlock = lastValidBlock;
        this.threshold = threshold;
    }

    public long chainId() {
        return chainId;
    }

    public long head() {
        return head;
    }

    public long lastValidBlock() {
        return lastValidBlock;
    }

    public long depth() {
        return head - lastValidBlock;
    }

    public long threshold() {
        return threshold;
    }
}
