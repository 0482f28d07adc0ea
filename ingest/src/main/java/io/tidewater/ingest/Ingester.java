package io.tidewater.ingest;

import io.tidewater.ingest.chain.AbandonedBranchException;
import io.tidewater.ingest.chain.BackfillPipeline;
import io.tidewater.ingest.chain.BlockBatch;
import io.tidewater.ingest.chain.Header;
import io.tidewater.ingest.chain.LogFilter;
import io.tidewater.ingest.chain.NodeReader;
import io.tidewater.ingest.chain.RangeFetcher;
import io.tidewater.ingest.chain.RangeSizer;
import io.tidewater.ingest.chain.ReorgTracker;
import io.tidewater.ingest.emit.ChainEmitter;
import io.tidewater.ingest.emit.RecordWriter;
import io.tidewater.ingest.emit.ResumePoint;
import io.tidewater.ingest.emit.ResumeReader;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongFunction;
import org.apache.kafka.common.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One chain's ingester: checks the node's chain id, reads back where the topic stands, backfills
 * with {@code eth_getLogs} over adaptive ranges, several in flight, then (when following) polls
 * the head, and walks every fork back to the common ancestor before producing a reorg notice and
 * the new branch. Records go out per block: the header, then its logs.
 *
 * <p>Threading: {@link #run()} runs on the caller's thread, which alone touches the tracker and
 * the emitter; range fetches run on a pool of {@code rpc.concurrency} daemon threads. Interrupting
 * the caller's thread stops the run.
 */
public final class Ingester {
    private static final Logger LOG = LoggerFactory.getLogger(Ingester.class);

    /** How a finished run left the topic. */
    public record Outcome(long chainId, long producedBlock, long recordsSent, Map<Integer, Long> endOffsets) {
    }

    private final IngestConfig config;
    private final NodeReader node;
    private final RecordWriter writer;
    private final ResumeReader resume;
    private final IngestMetrics metrics;
    private final LongFunction<LogFilter> filters;

    /** @param filters the logs to fetch, given the chain id the node reports */
    public Ingester(IngestConfig config, NodeReader node, RecordWriter writer, ResumeReader resume, IngestMetrics metrics,
            LongFunction<LogFilter> filters) {
        this.config = config;
        this.filters = filters;
        this.node = node;
        this.writer = writer;
        this.resume = resume;
        this.metrics = metrics;
    }

    /**
     * Runs until {@code to.block} is produced (or, without it and not following, the head at the
     * start), or forever when following.
     *
     * @throws ConfigException                           when the node serves another chain than configured
     * @throws io.tidewater.ingest.chain.DeepForkException when a fork goes deeper than {@code reorg.threshold}
     * @throws io.tidewater.ingest.rpc.RpcException       of a fatal kind: a bad URL, a missing method
     */
    public Outcome run() throws InterruptedException {
        long chainId = node.chainId();
        OptionalLong expected = config.chainId();
        if (expected.isPresent() && expected.getAsLong() != chainId) {
            throw new ConfigException("chain.id is " + expected.getAsLong() + " but the node at the RPC URL serves chain " + chainId);
        }
        metrics.bind(chainId);
        LogFilter filter = filters.apply(chainId);
        ResumePoint point = resume.read(chainId, config.reorgThreshold());
        long cursor = point.next().orElse(config.fromBlock());
        if (!point.isEmpty() && cursor != config.fromBlock()) {
            LOG.info("chain {}: the topic already has blocks up to {}; going on from block {} (from.block is only for a first run)",
                    chainId, point.hashes().isEmpty() ? cursor : point.hashes().lastKey(), cursor);
        }
        long coverageStart = point.isEmpty() ? config.fromBlock() : point.coverageStart().orElse(Long.MIN_VALUE);
        ReorgTracker tracker = new ReorgTracker(chainId, config.reorgThreshold(), coverageStart, point.hashes());
        ChainEmitter emitter = new ChainEmitter(chainId, writer, metrics);
        RangeSizer sizer = new RangeSizer(config.rangeInitial(), config.rangeMax());
        RangeFetcher fetcher = new RangeFetcher(node, sizer, filter);
        ExecutorService pool = Executors.newFixedThreadPool(config.concurrency(), daemonThreads("tidewater-ingest-fetch-"));
        Header head = node.latest();
        OptionalLong stopAt = config.toBlock();
        if (stopAt.isEmpty() && !config.follow()) {
            stopAt = OptionalLong.of(Math.max(0, head.number() - config.confirmations()));
        }
        LOG.info("chain {}: node head {}, producing from block {} {} ({}, {} ranges in flight)", chainId, head.number(), cursor,
                stopAt.isPresent() ? "to block " + stopAt.getAsLong() : "and following the head", filter,
                config.concurrency());
        try {
            while (stopAt.isEmpty() || cursor <= stopAt.getAsLong()) {
                head = node.latest();
                metrics.head(head.number());
                long target = head.number() - config.confirmations();
                if (stopAt.isPresent()) {
                    target = Math.min(target, stopAt.getAsLong());
                }
                if (cursor > target) {
                    cursor = checkHead(head, tracker, emitter, cursor);
                    writer.flush();
                    Thread.sleep(config.pollInterval().toMillis());
                    continue;
                }
                try (BackfillPipeline pipeline = new BackfillPipeline(fetcher, sizer, pool, config.concurrency(), cursor, target,
                        head.number() - config.reorgThreshold() + 1)) {
                    for (BlockBatch batch = pipeline.next(); batch != null; batch = pipeline.next()) {
                        long next = apply(batch, tracker, emitter);
                        cursor = next;
                        if (next != batch.to() + 1) {
                            break;
                        }
                    }
                }
                writer.flush();
            }
            writer.flush();
            LOG.info("chain {}: produced up to block {} ({} records)", chainId, emitter.producedBlock(), writer.sent());
            return new Outcome(chainId, emitter.producedBlock(), writer.sent(), writer.endOffsets());
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Produces a batch's blocks unless one of them forks from what was produced.
     *
     * @return the next block to fetch: after the batch, or after the common ancestor of a fork
     */
    private long apply(BlockBatch batch, ReorgTracker tracker, ChainEmitter emitter) throws InterruptedException {
        for (Header h : batch.headers().values()) {
            if (tracker.check(h) == ReorgTracker.Verdict.FORK) {
                return reorg(h, tracker, emitter).orElse(h.number());
            }
            emitter.block(h, batch.logsOf(h.number()));
            tracker.record(h);
        }
        return batch.to() + 1;
    }

    /** While waiting for new blocks: a head at or below the produced tip may show a fork shortening the chain. */
    private long checkHead(Header head, ReorgTracker tracker, ChainEmitter emitter, long cursor) throws InterruptedException {
        if (head.number() <= tracker.tip() && tracker.check(head) == ReorgTracker.Verdict.FORK) {
            return reorg(head, tracker, emitter).orElse(cursor);
        }
        return cursor;
    }

    /**
     * Rolls back to the fork's common ancestor.
     *
     * @return the next block to fetch, or empty when the node left the forked branch during the
     *         walk, so that nothing changed and the fork is looked at again from the node's newer view
     */
    private OptionalLong reorg(Header forked, ReorgTracker tracker, ChainEmitter emitter) throws InterruptedException {
        long ancestor;
        try {
            ancestor = tracker.commonAncestor(forked, node::byHash);
        } catch (AbandonedBranchException e) {
            LOG.info("{}; looking again from the node's head", e.getMessage());
            return OptionalLong.empty();
        } catch (RuntimeException e) {
            writer.flush();
            throw e;
        }
        LOG.warn("chain {}: block {} ({}) forks from the produced chain; common ancestor {}, rolling back {} block(s)",
                metrics.chain(), forked.number(), forked.hash(), ancestor, tracker.tip() - ancestor);
        emitter.reorg(ancestor);
        tracker.rollback(ancestor);
        return OptionalLong.of(ancestor + 1);
    }

    private static java.util.concurrent.ThreadFactory daemonThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
