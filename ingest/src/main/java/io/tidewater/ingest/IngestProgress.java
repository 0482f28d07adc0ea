package io.tidewater.ingest;

/**
 * One line of progress from the ingester's counts: the node's head, the block produced, and the
 * rates since the previous line.
 *
 * <p>Threading: one caller at a time (the progress timer).
 */
public final class IngestProgress {
    private final IngestMetrics metrics;
    private long lastNanos = System.nanoTime();
    private long lastLogs;
    private long lastBlocks;

    public IngestProgress(IngestMetrics metrics) {
        this.metrics = metrics;
    }

    public String line() {
        long now = System.nanoTime();
        double seconds = Math.max(1e-3, (now - lastNanos) / 1e9);
        long logs = metrics.logs();
        long blocks = metrics.blocks();
        String line = String.format("chain %s: node head %,d, produced block %,d, %,.0f logs/s, %,.0f blocks/s, %,d logs, %,d retries, %,d reorgs",
                metrics.chain(), metrics.nodeHead(), metrics.producedBlock(), (logs - lastLogs) / seconds, (blocks - lastBlocks) / seconds,
                logs, metrics.retries(), metrics.reorgs());
        lastNanos = now;
        lastLogs = logs;
        lastBlocks = blocks;
        return line;
    }
}
