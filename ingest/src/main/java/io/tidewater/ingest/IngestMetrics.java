package io.tidewater.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.tidewater.ingest.emit.ChainEmitter;
import io.tidewater.ingest.rpc.RpcException;
import io.tidewater.ingest.rpc.RpcObserver;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The ingester's meters, on the registry that {@code /metrics} serves, and the counts its progress
 * line reads.
 *
 * <p>Threading: safe for any number of threads (range fetchers call it concurrently).
 */
public final class IngestMetrics implements RpcObserver, ChainEmitter.Listener {
    public static final String RPC_CALLS = "tidewater_ingest_rpc_calls";
    public static final String RPC_CALLS_DOC = "JSON-RPC calls sent, by method (each call of a batch counts)";
    public static final String RPC_RETRIES = "tidewater_ingest_rpc_retries";
    public static final String RPC_RETRIES_DOC = "Failed calls that were retried, by cause";
    public static final String NODE_HEAD = "tidewater_ingest_node_head";
    public static final String NODE_HEAD_DOC = "The node's newest block, as last polled";
    public static final String PRODUCED_BLOCK = "tidewater_ingest_produced_block";
    public static final String PRODUCED_BLOCK_DOC = "The newest block produced to the topic";
    public static final String BLOCKS = "tidewater_ingest_blocks";
    public static final String BLOCKS_DOC = "Block records produced";
    public static final String LOGS = "tidewater_ingest_logs";
    public static final String LOGS_DOC = "Log records produced";
    public static final String REORGS = "tidewater_ingest_reorgs";
    public static final String REORGS_DOC = "Reorg notices produced after a fork was walked back";
    public static final String SKIPPED_LOGS = "tidewater_ingest_logs_skipped";
    public static final String SKIPPED_LOGS_DOC = "Logs the wire format cannot carry (no topics), by reason";

    private final MeterRegistry registry;
    private final AtomicLong head = new AtomicLong(-1);
    private final AtomicLong produced = new AtomicLong(-1);
    private final LongAdder blocks = new LongAdder();
    private final LongAdder logs = new LongAdder();
    private final LongAdder retries = new LongAdder();
    private final LongAdder reorgs = new LongAdder();
    private volatile String chain = "unknown";

    public IngestMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Tags the per-chain meters, once the node told its chain id. */
    public void bind(long chainId) {
        chain = Long.toString(chainId);
        Gauge.builder(NODE_HEAD, head, AtomicLong::get).description(NODE_HEAD_DOC).tag("chain", chain).register(registry);
        Gauge.builder(PRODUCED_BLOCK, produced, AtomicLong::get).description(PRODUCED_BLOCK_DOC).tag("chain", chain).register(registry);
    }

    @Override
    public void called(String method, int calls) {
        Counter.builder(RPC_CALLS).description(RPC_CALLS_DOC).tag("method", method).register(registry).increment(calls);
    }

    @Override
    public void retried(RpcException.Kind cause) {
        retries.increment();
        Counter.builder(RPC_RETRIES).description(RPC_RETRIES_DOC).tag("cause", cause.label()).register(registry).increment();
    }

    @Override
    public void produced(long chainId, long block, int logCount) {
        produced.set(block);
        blocks.increment();
        logs.add(logCount);
        Counter.builder(BLOCKS).description(BLOCKS_DOC).tag("chain", chain).register(registry).increment();
        if (logCount > 0) {
            Counter.builder(LOGS).description(LOGS_DOC).tag("chain", chain).register(registry).increment(logCount);
        }
    }

    @Override
    public void reorged(long chainId, long lastValidBlock) {
        produced.set(lastValidBlock);
        reorgs.increment();
        Counter.builder(REORGS).description(REORGS_DOC).tag("chain", chain).register(registry).increment();
    }

    @Override
    public void skippedLog(long chainId, String why) {
        Counter.builder(SKIPPED_LOGS).description(SKIPPED_LOGS_DOC).tag("reason", why).register(registry).increment();
    }

    public void head(long block) {
        head.set(block);
    }

    public String chain() {
        return chain;
    }

    public long nodeHead() {
        return head.get();
    }

    public long producedBlock() {
        return produced.get();
    }

    public long blocks() {
        return blocks.sum();
    }

    public long logs() {
        return logs.sum();
    }

    public long retries() {
        return retries.sum();
    }

    public long reorgs() {
        return reorgs.sum();
    }
}
