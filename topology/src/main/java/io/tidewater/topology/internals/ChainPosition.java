package io.tidewater.topology.internals;

/**
 * Where one chain stands. Immutable: {@link ChainTracker} moves a chain by replacing its position
 * and storing the new one in the same step, so no position changes without being stored.
 *
 * @param head highest block applied, -1 before the first
 * @param headHash the head's hash; null when no record gave it, as after a rollback to a block
 *     whose hash was never recorded
 * @param headTimestamp the head's timestamp when a record gave it, else null
 * @param lastBlock block of the last applied log
 * @param lastLogIndex log index of the last applied log
 * @param prunedThrough undo entries and hashes at or below this block are gone
 * @param undoSeq next sequence number of the chain's undo log
 * @param offset input offset of the last record that moved the chain, -1 if none has
 */
record ChainPosition(long chainId, long head, String headHash, Long headTimestamp, long lastBlock, long lastLogIndex,
        long prunedThrough, long undoSeq, long offset) {

    /** A chain never seen: below block 0, with nothing applied and nothing to undo. */
    static ChainPosition start(long chainId) {
        return new ChainPosition(chainId, -1, null, null, -1, -1, -1, 0, -1);
    }

    /** False for a chain only looked up (say, by a reorg notice before its first block): it has no position to report. */
    boolean moved() {
        return offset >= 0;
    }

    /**
     * The timestamp a record gave block {@code number} of hash {@code hash}, or null. Only the head's
     * is kept: a log that arrives without one follows its block record, which made that block the head.
     */
    Long timestampOf(long number, String hash) {
        return head == number && hash.equals(headHash) ? headTimestamp : null;
    }

    /** The head only moves up; a record at or below it leaves it where it is (a rollback came first if it had to). */
    ChainPosition advancedTo(long block, String hash, Long timestamp) {
        if (block <= head) {
            return this;
        }
        return new ChainPosition(chainId, block, hash, timestamp, lastBlock, lastLogIndex, prunedThrough, undoSeq, offset);
    }

    ChainPosition withLastLog(long block, long logIndex) {
        return new ChainPosition(chainId, head, headHash, headTimestamp, block, logIndex, prunedThrough, undoSeq, offset);
    }

    /**
     * Back to {@code block}, whose logs all count as applied: the rollback kept them, so any of them
     * that comes again with the same hash is a duplicate. Its timestamp is not kept below the head.
     */
    ChainPosition rolledBackTo(long block, String hash) {
        return new ChainPosition(chainId, block, hash, null, block, Long.MAX_VALUE, prunedThrough, undoSeq, offset);
    }

    ChainPosition withPrunedThrough(long block) {
        return new ChainPosition(chainId, head, headHash, headTimestamp, lastBlock, lastLogIndex, block, undoSeq, offset);
    }

    ChainPosition withNextUndoSeq() {
        return new ChainPosition(chainId, head, headHash, headTimestamp, lastBlock, lastLogIndex, prunedThrough, undoSeq + 1, offset);
    }

    ChainPosition movedAt(long inputOffset) {
        return new ChainPosition(chainId, head, headHash, headTimestamp, lastBlock, lastLogIndex, prunedThrough, undoSeq, inputOffset);
    }
}
