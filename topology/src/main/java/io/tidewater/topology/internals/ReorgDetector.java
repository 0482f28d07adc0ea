package io.tidewater.topology.internals;

import io.tidewater.serdes.store.ChainState;
import io.tidewater.topology.api.DeepReorgException;

/**
 * The per-chain rules of docs/architecture.md, Reorg rules, as pure decisions over a chain's state: is a record a
 * duplicate, does it reveal a reorg, and how deep is it. Nothing here changes state.
 */
final class ReorgDetector {
    static final long NO_ROLLBACK = Long.MIN_VALUE;

    enum Action {
        APPLY,
        SKIP_DUPLICATE,
        ROLLBACK_ONLY,
        IGNORE
    }

    /** What to do with a record: roll back first to {@code rollbackTo} unless it is {@link #NO_ROLLBACK}. */
    record Verdict(Action action, long rollbackTo) {
        static final Verdict APPLY = new Verdict(Action.APPLY, NO_ROLLBACK);
        static final Verdict DUPLICATE = new Verdict(Action.SKIP_DUPLICATE, NO_ROLLBACK);
        static final Verdict IGNORE = new Verdict(Action.IGNORE, NO_ROLLBACK);

        boolean rollsBack() {
            return rollbackTo != NO_ROLLBACK;
        }
    }

    /** Recorded block hashes of the chain being judged. */
    interface Hashes {
        String of(long block);
    }

    private final int threshold;

    ReorgDetector(int threshold) {
        this.threshold = threshold;
    }

    Verdict forLog(ChainState chain, long block, long logIndex, String hash, Hashes hashes) {
        if (block > chain.getHead()) {
            return Verdict.APPLY;
        }
        String recorded = hashes.of(block);
        if (hash.equals(recorded)) {
            boolean applied = block < chain.getLastBlock()
                    || (block == chain.getLastBlock() && logIndex <= chain.getLastLogIndex());
            return applied ? Verdict.DUPLICATE : Verdict.APPLY;
        }
        if (recorded != null || block < chain.getHead()) {
            return rollbackThenApply(chain, block - 1, "log for block " + block + " with hash " + hash);
        }
        return Verdict.APPLY;
    }

    Verdict forBlock(ChainState chain, long block, String hash, String parentHash, Hashes hashes) {
        long rollbackTo = NO_ROLLBACK;
        if (block <= chain.getHead()) {
            String recorded = hashes.of(block);
            if (hash.equals(recorded)) {
                return Verdict.DUPLICATE;
            }
            if (recorded != null || block < chain.getHead()) {
                rollbackTo = block - 1;
            }
        }
        String parent = hashes.of(block - 1);
        if (parent != null && !parent.equals(parentHash)) {
            // Our block n-1 is not the parent of n: it left the canonical chain, so undo it too.
            rollbackTo = block - 2;
        }
        if (rollbackTo == NO_ROLLBACK) {
            return Verdict.APPLY;
        }
        return rollbackThenApply(chain, rollbackTo, "block " + block + " with hash " + hash + " and parent " + parentHash);
    }

    Verdict forReorg(ChainState chain, long lastValidBlock) {
        if (lastValidBlock >= chain.getHead()) {
            return Verdict.IGNORE;
        }
        checkDepth(chain, lastValidBlock, "reorg notice");
        return new Verdict(Action.ROLLBACK_ONLY, lastValidBlock);
    }

    private Verdict rollbackThenApply(ChainState chain, long to, String cause) {
        checkDepth(chain, to, cause);
        return new Verdict(Action.APPLY, to);
    }

    private void checkDepth(ChainState chain, long to, String cause) {
        long head = chain.getHead();
        if (head - to > threshold) {
            throw new DeepReorgException(chain.getChainId(), head, to, threshold, cause);
        }
        if (to < chain.getPrunedThrough()) {
            throw new DeepReorgException(chain.getChainId(), head, to, threshold,
                    cause + "; history at or below block " + chain.getPrunedThrough() + " was already pruned");
        }
    }
}
