package io.tidewater.ingest.chain;

import io.tidewater.ingest.rpc.RpcException;
import io.tidewater.ingest.rpc.RpcException.Kind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeSet;

/**
 * Fetches one block range as a {@link BlockBatch}: its logs through as many {@code eth_getLogs}
 * as the node's limits need, then the headers of the range's ends, of the blocks with logs, and of
 * every block at or above {@code denseFrom} (close to the head, where reorgs happen and every hash
 * is wanted). A batch whose logs and headers disagree, or whose last block changed hash between
 * before and after the logs, was caught in a reorg: it is fetched again.
 *
 * <p>Threading: stateless apart from the shared {@link RangeSizer}; one instance serves all
 * backfill threads.
 */
public final class RangeFetcher {
    private final NodeReader node;
    private final RangeSizer sizer;
    private final LogFilter filter;

    public RangeFetcher(NodeReader node, RangeSizer sizer, LogFilter filter) {
        this.node = node;
        this.sizer = sizer;
        this.filter = filter;
    }

    public BlockBatch fetch(long from, long to, long denseFrom) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            // The last block's hash commits to every block of the range: the same before the logs and
            // after them means no reorg touched the range in between. Without it, a block that had no
            // logs on the old branch and has some on the new one would be produced without them.
            Header last = node.headers(List.of(to)).get(to);
            List<RawLog> logs = logs(from, to);
            TreeSet<Long> wanted = new TreeSet<>(List.of(from, to));
            logs.forEach(l -> wanted.add(l.blockNumber()));
            for (long n = Math.max(from, denseFrom); n <= to; n++) {
                wanted.add(n);
            }
            NavigableMap<Long, Header> headers = node.headers(wanted);
            String disagreement = !headers.get(to).hash().equals(last.hash())
                    ? "block " + to + " changed from " + last.hash() + " to " + headers.get(to).hash() + " while the range's logs were read"
                    : disagreement(headers, logs);
            if (disagreement == null) {
                return new BlockBatch(from, to, headers, byBlock(logs));
            }
            node.retrier().failed("blocks " + from + "-" + to, new RpcException(Kind.INCONSISTENT, "eth_getLogs", disagreement, null),
                    attempt);
        }
    }

    private List<RawLog> logs(long from, long to) throws InterruptedException {
        List<RawLog> out = new ArrayList<>();
        long pos = from;
        int failures = 0;
        while (pos <= to) {
            long end = Math.min(to, pos + sizer.next() - 1);
            try {
                for (RawLog log : node.logs(pos, end, filter)) {
                    if (!log.removed()) {
                        out.add(log);
                    }
                }
                sizer.succeeded(end - pos + 1);
                pos = end + 1;
                failures = 0;
            } catch (RpcException e) {
                if (e.kind().fatal()) {
                    throw e;
                }
                boolean tooBig = e.kind() == Kind.RANGE_LIMIT || e.kind() == Kind.TIMEOUT;
                if (tooBig && end == pos && e.kind() == Kind.RANGE_LIMIT) {
                    throw new RpcException(Kind.FATAL_REQUEST, "eth_getLogs", "the node refuses the logs of even one block (" + pos
                            + "): " + e.getMessage(), e);
                }
                if (tooBig) {
                    sizer.shrink(end - pos + 1, e.suggestedRange());
                }
                // A limit the node states is answered at once with a smaller range; anything else waits first.
                if (e.kind() == Kind.RANGE_LIMIT) {
                    node.retrier().counted("eth_getLogs " + pos + "-" + end, e, 1);
                } else {
                    node.retrier().failed("eth_getLogs " + pos + "-" + end, e, ++failures);
                }
            }
        }
        return out;
    }

    /** Why these headers and logs cannot be one chain, or null when they can. */
    private static String disagreement(NavigableMap<Long, Header> headers, List<RawLog> logs) {
        for (RawLog log : logs) {
            Header h = headers.get(log.blockNumber());
            if (!h.hash().equals(log.blockHash())) {
                return "a log of block " + log.blockNumber() + " has block hash " + log.blockHash() + ", the block's header "
                        + h.hash();
            }
        }
        Header previous = null;
        for (Header h : headers.values()) {
            if (previous != null && previous.number() == h.number() - 1 && !previous.hash().equals(h.parentHash())) {
                return "block " + h.number() + " does not follow block " + previous.number() + " by hash";
            }
            previous = h;
        }
        return null;
    }

    private static Map<Long, List<RawLog>> byBlock(List<RawLog> logs) {
        Map<Long, List<RawLog>> out = new HashMap<>();
        for (RawLog log : logs) {
            out.computeIfAbsent(log.blockNumber(), n -> new ArrayList<>()).add(log);
        }
        out.values().forEach(l -> l.sort(Comparator.comparingLong(RawLog::logIndex)));
        return out;
    }
}
