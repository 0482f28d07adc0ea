package io.tidewater.ingest.emit;

import io.tidewater.ingest.chain.Header;
import io.tidewater.ingest.chain.RawLog;
import io.tidewater.serdes.wire.BlockHeader;
import io.tidewater.serdes.wire.InputRecord;
import io.tidewater.serdes.wire.LogEvent;
import io.tidewater.serdes.wire.ReorgNotice;
import java.util.List;

/**
 * Turns one chain's blocks into input records: a block's header, then its raw logs in log-index
 * order, then the next block; a reorg notice before a new branch. Logs without topics (anonymous
 * events with no indexed field) have no place on the wire and are counted instead.
 *
 * <p>Threading: confined to the ingesting thread; {@link #producedBlock()} may be read from any.
 */
public final class ChainEmitter {
    /** Hears what was produced, for metrics and progress. */
    public interface Listener {
        void produced(long chainId, long block, int logs);

        void reorged(long chainId, long lastValidBlock);

        void skippedLog(long chainId, String why);
    }

    private final long chainId;
    private final RecordWriter writer;
    private final Listener listener;
    private volatile long producedBlock = -1;

    public ChainEmitter(long chainId, RecordWriter writer, Listener listener) {
        this.chainId = chainId;
        this.writer = writer;
        this.listener = listener;
    }

    public void block(Header h, List<RawLog> logs) {
        writer.send(new InputRecord(new BlockHeader(chainId, h.number(), h.hash(), h.parentHash(), h.timestamp())));
        int sent = 0;
        for (RawLog log : logs) {
            if (log.topics().isEmpty()) {
                listener.skippedLog(chainId, "a log without topics");
                continue;
            }
            writer.send(new InputRecord(LogEvent.newBuilder()
                    .setChainId(chainId)
                    .setBlockNumber(h.number())
                    .setBlockHash(h.hash())
                    .setBlockTimestamp(h.timestamp())
                    .setLogIndex(log.logIndex())
                    .setTxHash(log.txHash())
                    .setAddress(log.address())
                    .setTopics(log.topics())
                    .setData(log.data())
                    .build()));
            sent++;
        }
        producedBlock = h.number();
        listener.produced(chainId, h.number(), sent);
    }

    public void reorg(long lastValidBlock) {
        long to = Math.max(0, lastValidBlock);
        writer.send(new InputRecord(new ReorgNotice(chainId, to)));
        producedBlock = to;
        listener.reorged(chainId, to);
    }

    public long producedBlock() {
        return producedBlock;
    }
}
