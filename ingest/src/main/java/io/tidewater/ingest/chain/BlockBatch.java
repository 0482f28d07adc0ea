package io.tidewater.ingest.chain;

import java.util.List;
import java.util.Map;
import java.util.NavigableMap;

/**
 * Blocks {@code from} to {@code to} as one consistent view of the node: the headers fetched for
 * them (at least the two ends and every block with logs), ascending, and each block's logs in
 * log-index order. Every log's block hash is its header's hash.
 */
public record BlockBatch(long from, long to, NavigableMap<Long, Header> headers, Map<Long, List<RawLog>> logs) {

    public List<RawLog> logsOf(long block) {
        return logs.getOrDefault(block, List.of());
    }

    public int logCount() {
        return logs.values().stream().mapToInt(List::size).sum();
    }
}
