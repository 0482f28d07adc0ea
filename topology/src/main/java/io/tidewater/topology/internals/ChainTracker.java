package io.tidewater.topology.internals;

import io.tidewater.serdes.WireLimits;
import io.tidewater.serdes.store.PriorValue;
import io.tidewater.serdes.wire.BlockHeader;
import io.tidewater.serdes.wire.LogEvent;
import io.tidewater.topology.api.ChainCheckpoint;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Moves the chains of one partition: advances them on logs and blocks, rolls them back, prunes
 * their history, and stores every new position as it makes it. It also keeps the partition's
 * processed offset (the last record that moved a chain) and written offset (the last the sink
 * confirmed), which the stored positions carry across a restart.
 *
 * <p>Judging a record (duplicate, reorg, too deep) is {@link ReorgDetector}'s; this only carries
 * out what was decided.
 *
 * <p>Threading contract: one instance per task, used only by that task's stream thread, which
 * alone touches the stores. Positions are read on every record, so they are held in memory and
 * written through; the stores remain the truth, loaded when the task starts.
 */
final class ChainTracker {
    private final ChainStates states;
    private final BlockHashes hashes;
    private final UndoLog undo;
    private final int reorgThreshold;
    private final Map<Long, ChainPosition> positions;
    private long processedOffset = -1;
    private long writtenOffset;
    private long prunedAtWritten = -1;

    ChainTracker(ChainStates states, BlockHashes hashes, UndoLog undo, int reorgThreshold) {
        this.states = states;
        this.hashes = hashes;
        this.undo = undo;
        this.reorgThreshold = reorgThreshold;
        ChainStates.Loaded loaded = states.load();
        this.positions = new HashMap<>(loaded.positions());
        this.writtenOffset = loaded.writtenOffset();
        for (ChainPosition p : positions.values()) {
            processedOffset = Math.max(processedOffset, p.offset());
        }
    }

    ChainPosition position(long chainId) {
        ChainPosition p = positions.get(chainId);
        return p != null ? p : ChainPosition.start(chainId);
    }

    /** The recorded hash of a block of the chain, or null: the head's is at hand, and history below the pruned block is gone. */
    String hash(long chainId, long block) {
        ChainPosition p = position(chainId);
        return block == p.head() ? p.headHash() : recorded(p, block);
    }

    /** The log's block timestamp; when it carries none, the one its block record gave, or null if none did. */
    Long blockTimestamp(LogEvent log) {
        if (log.getBlockTimestamp() != WireLimits.UNKNOWN_TIMESTAMP) {
            return log.getBlockTimestamp();
        }
        return position(log.getChainId()).timestampOf(log.getBlockNumber(), log.getBlockHash());
    }

    /**
     * Applies a log at {@code offset}: the values its changes replaced go to the undo log, it becomes
     * the chain's last applied log, and its block the head if above it. A log whose handler failed or
     * that no handler handles is applied too, with no changes: it was dead-lettered or skipped, not lost.
     *
     * @return whether the head moved
     */
    boolean logApplied(LogEvent log, long offset, List<PriorValue> priors) {
        ChainPosition p = position(log.getChainId());
        if (!priors.isEmpty() && undo.append(p.chainId(), p.undoSeq(), log.getBlockNumber(), log.getLogIndex(), offset, priors)) {
            p = p.withNextUndoSeq();
        }
        ChainPosition advanced = advance(p, log.getBlockNumber(), log.getBlockHash(), log.getBlockTimestamp());
        save(advanced.withLastLog(log.getBlockNumber(), log.getLogIndex()), offset);
        return advanced.head() != p.head();
    }

    /** Applies a block record at {@code offset}; true if its block became the head. */
    boolean blockApplied(BlockHeader block, long offset) {
        ChainPosition p = position(block.getChainId());
        ChainPosition advanced = advance(p, block.getNumber(), block.getHash(), block.getTimestamp());
        save(advanced, offset);
        return advanced.head() != p.head();
    }

    /**
     * Rolls the chain back to {@code toBlock} at {@code offset}: {@code restorer} gets each entity the
     * undone changes touched, with its value from before the first of them; the hashes above are
     * forgotten; and {@code toBlock} becomes the head, known by its recorded hash.
     *
     * @return the number of entity changes undone
     */
    int rollback(long chainId, long toBlock, long offset, UndoLog.Restorer restorer) {
        int undone = undo.rollback(chainId, toBlock, restorer);
        hashes.dropAbove(chainId, toBlock);
        ChainPosition p = position(chainId);
        save(p.rolledBackTo(toBlock, recorded(p, toBlock)), offset);
        return undone;
    }

    /**
     * Forgets history older than the threshold below each head: it can no longer be reorged. Undo
     * entries not yet written are kept (they record what is dirty), so a new written offset is also
     * a reason to prune again. The hash of the lowest block a rollback may still target stays known.
     */
    void prune() {
        boolean newlyWritten = writtenOffset > prunedAtWritten;
        prunedAtWritten = writtenOffset;
        for (ChainPosition p : new ArrayList<>(positions.values())) {
            long through = p.head() - reorgThreshold - 1;
            if (through > p.prunedThrough() || (newlyWritten && through >= 0)) {
                undo.prune(p.chainId(), through, writtenOffset);
            }
            if (through > p.prunedThrough()) {
                hashes.pruneThrough(p.chainId(), through - 1);
                store(p.withPrunedThrough(through));
            }
        }
    }

    /** Input offset of the last record that moved a chain of this partition, or -1. */
    long processedOffset() {
        return processedOffset;
    }

    /** The last offset the sink confirmed for this partition, or -1. */
    long writtenOffset() {
        return writtenOffset;
    }

    /**
     * Stores that the sink confirmed everything through {@code offset}. Only ever after it did:
     * undo entries beyond the stored written offset name the dirty entities after a restart.
     */
    void recordWritten(long offset) {
        if (offset <= writtenOffset) {
            return;
        }
        writtenOffset = offset;
        positions.values().forEach(p -> states.save(p, offset));
    }

    /** Each moved chain's head, as a batch reports it. */
    Map<Long, ChainCheckpoint> checkpoints() {
        Map<Long, ChainCheckpoint> heads = new HashMap<>();
        for (ChainPosition p : positions.values()) {
            if (p.moved()) {
                heads.put(p.chainId(), new ChainCheckpoint(p.chainId(), p.head(), p.headHash()));
            }
        }
        return heads;
    }

    private ChainPosition advance(ChainPosition p, long block, String hash, long timestamp) {
        if (block <= p.head()) {
            return p;
        }
        hashes.record(p.chainId(), block, hash);
        return p.advancedTo(block, hash, timestamp == WireLimits.UNKNOWN_TIMESTAMP ? null : timestamp);
    }

    private String recorded(ChainPosition p, long block) {
        return block < p.prunedThrough() ? null : hashes.of(p.chainId(), block);
    }

    private void save(ChainPosition p, long offset) {
        store(p.movedAt(offset));
        processedOffset = offset;
    }

    private void store(ChainPosition p) {
        positions.put(p.chainId(), p);
        states.save(p, writtenOffset);
    }
}
