package io.tidewater.testkit.node;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * The faults a {@link FakeJsonRpcNode} injects: the next requests' faults in order, a fault on
 * every k-th request, two standing {@code eth_getLogs} limits (a block span and a result
 * count) answered with the errors providers send, and removed logs among the ones served.
 *
 * <p>Threading: every method is synchronized; tests set faults while the node serves.
 */
public final class NodeFaults {
    private final Deque<NodeFault> next = new ArrayDeque<>();
    private NodeFault periodic;
    private int every;
    private int periodicLeft;
    private long requests;
    private long injected;
    private long maxBlockRange = Long.MAX_VALUE;
    private long maxResults = Long.MAX_VALUE;
    private long timeoutDelayMillis = 2_000;
    private boolean removedTwins;

    /** The next {@code count} HTTP requests fail with {@code fault}, after any queued before. */
    public synchronized NodeFaults failNext(int count, NodeFault fault) {
        for (int i = 0; i < count; i++) {
            next.addLast(fault);
        }
        return this;
    }

    /** Every {@code k}-th request fails with {@code fault}, {@code times} times in all. */
    public synchronized NodeFaults failEvery(int k, NodeFault fault, int times) {
        this.periodic = fault;
        this.every = k;
        this.periodicLeft = times;
        return this;
    }

    /** eth_getLogs over more than {@code blocks} blocks fails, naming the limit as providers do. */
    public synchronized NodeFaults maxBlockRange(long blocks) {
        this.maxBlockRange = blocks;
        return this;
    }

    /** eth_getLogs that would return more than {@code logs} logs fails. */
    public synchronized NodeFaults maxResults(long logs) {
        this.maxResults = logs;
        return this;
    }

    /**
     * Each log eth_getLogs serves comes with a twin marked {@code removed}, from an abandoned
     * branch of its block: what a node's log filter reports after a reorg, which a client must drop.
     */
    public synchronized NodeFaults serveRemovedTwins(boolean on) {
        this.removedTwins = on;
        return this;
    }

    /** How long a {@link NodeFault#TIMEOUT} holds the request before answering. */
    public synchronized NodeFaults timeoutDelayMillis(long millis) {
        this.timeoutDelayMillis = millis;
        return this;
    }

    /** Removes every fault and limit. */
    public synchronized void clear() {
        next.clear();
        periodic = null;
        maxBlockRange = Long.MAX_VALUE;
        maxResults = Long.MAX_VALUE;
        removedTwins = false;
    }

    /** Faults injected so far (limits not counted). */
    public synchronized long injected() {
        return injected;
    }

    /** Whether every queued and periodic fault has been injected. */
    public synchronized boolean exhausted() {
        return next.isEmpty() && (periodic == null || periodicLeft == 0);
    }

    synchronized Optional<NodeFault> onRequest() {
        requests++;
        NodeFault f = next.pollFirst();
        if (f == null && periodic != null && periodicLeft > 0 && requests % every == 0) {
            periodicLeft--;
            f = periodic;
        }
        if (f != null) {
            injected++;
        }
        return Optional.ofNullable(f);
    }

    synchronized long maxBlockRange() {
        return maxBlockRange;
    }

    synchronized long maxResults() {
        return maxResults;
    }

    synchronized boolean removedTwins() {
        return removedTwins;
    }

    synchronized long timeoutDelay() {
        return timeoutDelayMillis;
    }
}
