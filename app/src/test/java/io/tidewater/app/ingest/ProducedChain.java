package io.tidewater.app.ingest;

import io.tidewater.serdes.wire.BlockHeader;
import io.tidewater.serdes.wire.InputRecord;
import io.tidewater.serdes.wire.LogEvent;
import io.tidewater.serdes.wire.ReorgNotice;
import io.tidewater.testkit.node.SimulatedChain;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a stream of one chain's records says the chain is, read the plain way (reorg notices drop
 * what is above them, a block of another hash replaces the one recorded), and whether the stream
 * kept the ingester's promises: a log's header comes before it, blocks go up except after a reorg
 * notice or when the newest block is sent again on resume.
 */
public final class ProducedChain {
    /** A log as it can be compared with the node's. */
    public record RawLog(long block, long index, String blockHash, String address, List<String> topics, String data) {
        static RawLog of(SimulatedChain.Log l) {
            return new RawLog(l.blockNumber(), l.logIndex(), l.blockHash(), l.address(), l.topics(), l.data());
        }
    }

    private final TreeMap<Long, String> hashes = new TreeMap<>();
    private final TreeMap<Long, Map<Long, RawLog>> logs = new TreeMap<>();
    private final List<String> violations = new ArrayList<>();
    private final List<Long> reorgs = new ArrayList<>();
    private long duplicateLogs;
    private long resentBlocks;
    private BlockHeader lastHeader;
    private long highestBlock = -1;

    public static ProducedChain of(List<InputRecord> records) {
        ProducedChain c = new ProducedChain();
        records.forEach(c::apply);
        return c;
    }

    private void apply(InputRecord record) {
        Object body = record.getBody();
        if (body instanceof ReorgNotice r) {
            long v = r.getLastValidBlock();
            reorgs.add(v);
            hashes.tailMap(v, false).clear();
            logs.tailMap(v, false).clear();
            highestBlock = v;
            lastHeader = null;
        } else if (body instanceof BlockHeader b) {
            long n = b.getNumber();
            String recorded = hashes.get(n);
            if (n <= highestBlock) {
                if (n == highestBlock && b.getHash().equals(recorded)) {
                    resentBlocks++;
                } else {
                    violations.add("block " + n + " after block " + highestBlock + " without a reorg notice");
                }
            }
            hashes.put(n, b.getHash());
            highestBlock = Math.max(highestBlock, n);
            lastHeader = b;
        } else {
            LogEvent l = (LogEvent) body;
            if (lastHeader == null || lastHeader.getNumber() != l.getBlockNumber() || !lastHeader.getHash().equals(l.getBlockHash())) {
                violations.add("log " + l.getBlockNumber() + "/" + l.getLogIndex() + " not preceded by its block's header");
            }
            RawLog raw = new RawLog(l.getBlockNumber(), l.getLogIndex(), l.getBlockHash(), l.getAddress(), l.getTopics(), l.getData());
            RawLog before = logs.computeIfAbsent(l.getBlockNumber(), n -> new TreeMap<>()).put(l.getLogIndex(), raw);
            if (before != null) {
                duplicateLogs++;
                if (!before.equals(raw)) {
                    violations.add("log " + l.getBlockNumber() + "/" + l.getLogIndex() + " sent twice with different content");
                }
            }
        }
    }

    /** The logs of the produced chain, in block and log order. */
    public List<RawLog> logs() {
        List<RawLog> out = new ArrayList<>();
        logs.values().forEach(m -> out.addAll(m.values()));
        return out;
    }

    /** The node's canonical logs, in the same form. */
    public static List<RawLog> canonical(SimulatedChain chain) {
        return chain.canonicalLogs().stream().map(RawLog::of).toList();
    }

    public List<String> violations() {
        return violations;
    }

    public List<Long> reorgs() {
        return reorgs;
    }

    public long duplicateLogs() {
        return duplicateLogs;
    }

    public long resentBlocks() {
        return resentBlocks;
    }

    public long highestBlock() {
        return highestBlock;
    }

    /** The produced hashes by block number. */
    public java.util.NavigableMap<Long, String> hashes() {
        return hashes;
    }
}
