package io.tidewater.ingest.chain;

import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The hashes of the blocks produced for one chain, within {@code window} blocks of the newest, and
 * the test that a new header still belongs to that chain. When it does not, {@link #commonAncestor}
 * walks the node's new branch back by parent hash to the newest block both share.
 *
 * <p>The window is dense near the head (the fetchers fetch every header there), so a match is
 * found within the depth of the fork. A block whose hash was never recorded counts as not shared:
 * rolling back further than needed is safe, since everything above the ancestor is produced again.
 *
 * <p>Threading: confined to the ingesting thread.
 */
public final class ReorgTracker {
    /** What a header says about the produced chain. */
    public enum Verdict {
        /** A block not produced yet, which links to what was (or cannot be checked). */
        EXTENDS,
        /** A block already produced, with the same hash: sending it again is a duplicate. */
        SAME,
        /** A block that replaces produced ones, or does not link to the produced one below it. */
        FORK
    }

    /** Fetches a header of the node's current chain by hash: {@code null} when the node does not know it. */
    @FunctionalInterface
    public interface ByHash {
        Header get(String hash) throws InterruptedException;
    }

    private final long chainId;
    private final int window;
    private final long coverageStart;
    private final TreeMap<Long, String> hashes = new TreeMap<>();

    /**
     * @param coverageStart the first block ever produced for this chain; {@code Long.MIN_VALUE} when unknown
     * @param produced      hashes already produced (read back from the topic), by block number
     */
    public ReorgTracker(long chainId, int window, long coverageStart, Map<Long, String> produced) {
        this.chainId = chainId;
        this.window = window;
        this.coverageStart = coverageStart;
        hashes.putAll(produced);
        trim();
    }

    public Verdict check(Header h) {
        String recorded = hashes.get(h.number());
        if (recorded != null) {
            return recorded.equals(h.hash()) ? Verdict.SAME : Verdict.FORK;
        }
        String parent = hashes.get(h.number() - 1);
        return parent != null && !parent.equals(h.parentHash()) ? Verdict.FORK : Verdict.EXTENDS;
    }

    public void record(Header h) {
        hashes.put(h.number(), h.hash());
        trim();
    }

    /** Forgets every block above {@code ancestor}, after a reorg notice to it was produced. */
    public void rollback(long ancestor) {
        hashes.tailMap(ancestor, false).clear();
    }

    /** The newest block produced, or -1. */
    public long tip() {
        return hashes.isEmpty() ? -1 : hashes.lastKey();
    }

    /**
     * The newest block that the node's chain, as seen from {@code forked}, shares with the
     * produced one.
     *
     * <p>A fork is deep when it reaches more than {@code window} below the produced tip: that is
     * what the indexer has to undo, and as far as the recorded hashes go. Not below the node's
     * head: an ingester that lags the node (its brokers were down, say) meets a fork the node
     * made near its head long ago, a few blocks deep when it happened and as deep from the
     * ingester's tip, but hundreds of blocks below the node's head by now.
     *
     * @throws DeepForkException when the walk passes the bottom of the window without a match
     * @throws AbandonedBranchException when the node no longer knows a block of the branch being walked
     */
    public long commonAncestor(Header forked, ByHash byHash) throws InterruptedException {
        long floor = tip() - window;
        Header cur = forked;
        while (true) {
            String recorded = hashes.get(cur.number());
            if (recorded != null && recorded.equals(cur.hash())) {
                return cur.number();
            }
            if (cur.number() <= coverageStart) {
                // Nothing this low was ever produced: the whole produced chain is on the old branch.
                return coverageStart - 1;
            }
            if (cur.number() - 1 < floor) {
                throw new DeepForkException(chainId, tip(), cur.number(), window);
            }
            Header parent = byHash.get(cur.parentHash());
            if (parent == null) {
                throw new AbandonedBranchException(chainId, cur.number() - 1, cur.parentHash());
            }
            cur = parent;
        }
    }

    NavigableMap<Long, String> hashes() {
        return hashes;
    }

    private void trim() {
        if (!hashes.isEmpty()) {
            hashes.headMap(hashes.lastKey() - window, false).clear();
        }
    }
}
