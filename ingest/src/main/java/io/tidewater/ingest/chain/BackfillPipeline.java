package io.tidewater.ingest.chain;

import io.tidewater.ingest.rpc.RpcException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Backfills blocks {@code from} to {@code to} with several ranges in flight and hands the batches
 * back strictly in block order. Each range is cut when it is dispatched, at the size the
 * {@link RangeSizer} then holds, and its fetcher covers exactly that range (splitting it further
 * if the node wants less), so ordering is a queue of futures.
 *
 * <p>Threading: {@link #next()} and {@link #close()} belong to the one consuming thread; fetches
 * run on the executor passed in, at most {@code concurrency} at a time.
 */
public final class BackfillPipeline implements AutoCloseable {
    private final RangeFetcher fetcher;
    private final RangeSizer sizer;
    private final ExecutorService executor;
    private final int concurrency;
    private final long to;
    private final long denseFrom;
    private final Deque<Future<BlockBatch>> inFlight = new ArrayDeque<>();
    private long nextFrom;

    /** @param denseFrom the first block whose header is fetched even without logs */
    public BackfillPipeline(RangeFetcher fetcher, RangeSizer sizer, ExecutorService executor, int concurrency, long from, long to,
            long denseFrom) {
        this.fetcher = fetcher;
        this.sizer = sizer;
        this.executor = executor;
        this.concurrency = Math.max(1, concurrency);
        this.nextFrom = from;
        this.to = to;
        this.denseFrom = denseFrom;
    }

    /** The next batch in block order, or null once the range is done. */
    public BlockBatch next() throws InterruptedException {
        while (inFlight.size() < concurrency && nextFrom <= to) {
            long start = nextFrom;
            long end = Math.min(to, start + sizer.next() - 1);
            inFlight.addLast(executor.submit(() -> fetcher.fetch(start, end, denseFrom)));
            nextFrom = end + 1;
        }
        Future<BlockBatch> head = inFlight.pollFirst();
        if (head == null) {
            return null;
        }
        try {
            return head.get();
        } catch (ExecutionException e) {
            close();
            if (e.getCause() instanceof RpcException rpc) {
                throw rpc;
            }
            if (e.getCause() instanceof InterruptedException) {
                throw new InterruptedException("a range fetch was interrupted");
            }
            throw new IllegalStateException("fetching a block range failed: " + e.getCause(), e.getCause());
        }
    }

    /** Cancels the ranges still in flight. */
    @Override
    public void close() {
        inFlight.forEach(f -> f.cancel(true));
        inFlight.clear();
    }
}
