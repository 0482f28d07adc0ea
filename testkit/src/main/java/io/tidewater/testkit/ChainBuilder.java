package io.tidewater.testkit;

import io.tidewater.serdes.Hex;
import io.tidewater.serdes.JsonLines;
import io.tidewater.serdes.wire.BlockHeader;
import io.tidewater.serdes.wire.InputRecord;
import io.tidewater.serdes.wire.LogEvent;
import io.tidewater.serdes.wire.ReorgNotice;
import io.tidewater.topology.api.EventSignature;
import io.tidewater.topology.api.RawLog;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One simulated chain, written fluently: blocks, raw logs encoded from event signatures, decoded
 * logs, explicit reorgs, forks that only new block hashes reveal, and duplicates. Every record
 * goes to the indexer as a producer would send it; the builder also remembers the canonical
 * chain, so a test can replay just that.
 *
 * <pre>{@code
 * kit.chain(1).block().log(token, TRANSFER, alice, bob, 100)
 *             .block().log(token, TRANSFER, bob, carol, 40)
 *             .reorg(1)              // block 2 is gone
 *             .block().log(token, TRANSFER, bob, alice, 5);
 * }</pre>
 *
 * <p>Block hashes are derived from the chain, the number and how many forks came before, so a
 * replaced block always has a new hash. Timestamps start at 1,700,000,000 and step by 12 s.
 */
public final class ChainBuilder implements Logs {
    public static final long FIRST_TIMESTAMP = 1_700_000_000L;
    public static final long BLOCK_SECONDS = 12;

    /** A canonical block: its records as sent, header first. */
    private record SimBlock(long number, String hash, List<String> records) {
    }

    private final long chainId;
    private final Consumer<String> out;
    private final List<SimBlock> canonical = new ArrayList<>();
    private int forks;
    private String lastLog;

    ChainBuilder(long chainId, Consumer<String> out) {
        this.chainId = chainId;
        this.out = out;
    }

    public long chainId() {
        return chainId;
    }

    /** The number of the newest canonical block; 0 before the first. */
    public long head() {
        return canonical.size();
    }

    /** The hash of a canonical block (block 0 is the genesis, never sent). */
    public String hash(long number) {
        return number == 0 ? blockHash(0) : canonical.get((int) number - 1).hash();
    }

    /** Starts the next block and sends its header, linked to the canonical head. */
    public ChainBuilder block() {
        long number = head() + 1;
        String hash = blockHash(number);
        SimBlock block = new SimBlock(number, hash, new ArrayList<>());
        canonical.add(block);
        send(block, JsonLines.format(new InputRecord(new BlockHeader(chainId, number, hash, hash(number - 1), timestamp(number)))));
        return this;
    }

    public ChainBuilder blocks(int n) {
        for (int i = 0; i < n; i++) {
            block();
        }
        return this;
    }

    @Override
    public ChainBuilder log(String address, EventSignature event, Object... values) {
        return raw(address, event.encode(values));
    }

    @Override
    public ChainBuilder log(String address, EventSignature event, Map<String, ?> values) {
        return raw(address, event.encode(values));
    }

    /** A log that arrives already decoded (event name and parameters), as some producers send them. */
    public ChainBuilder decodedLog(String address, String event, Map<String, Object> params) {
        SimBlock block = current();
        LogEvent log = position(block, address).setEvent(event).setParams(params).build();
        return sendLog(block, log);
    }

    /** A raw log as given (for topics and data that no signature produces, e.g. to test bad input). */
    public ChainBuilder raw(String address, RawLog raw) {
        SimBlock block = current();
        LogEvent log = position(block, address).setTopics(raw.topics()).setData(raw.data()).build();
        return sendLog(block, log);
    }

    /**
     * An explicit reorg notice: the last {@code depth} blocks leave the chain, and the next
     * {@link #block()} replaces the first of them with a new hash.
     */
    public ChainBuilder reorg(int depth) {
        drop(depth);
        out.accept(JsonLines.format(new InputRecord(new ReorgNotice(chainId, head()))));
        return this;
    }

    /**
     * A reorg nobody announces: the last {@code depth} blocks leave the chain, and only the new
     * hashes of the blocks that replace them tell the indexer.
     */
    public ChainBuilder fork(int depth) {
        drop(depth);
        return this;
    }

    /** Sends the last log again, as an at-least-once producer may. */
    public ChainBuilder duplicateLastLog() {
        if (lastLog == null) {
            throw new IllegalStateException("chain " + chainId + ": no log to duplicate yet");
        }
        out.accept(lastLog);
        return this;
    }

    /** Sends every canonical record from block {@code from} on again, as a producer that resumes too early does. */
    public ChainBuilder resend(long from) {
        for (SimBlock block : canonical.subList((int) Math.max(0, from - 1), canonical.size())) {
            block.records().forEach(out);
        }
        return this;
    }

    /** Every record of the canonical chain, in order: what a clean replay sends. */
    List<String> canonicalRecords() {
        List<String> all = new ArrayList<>();
        canonical.forEach(b -> all.addAll(b.records()));
        return all;
    }

    private void drop(int depth) {
        if (depth < 1 || depth > head()) {
            throw new IllegalArgumentException("chain " + chainId + ": cannot reorg " + depth + " blocks below head " + head());
        }
        canonical.subList(canonical.size() - depth, canonical.size()).clear();
        forks++;
    }

    private SimBlock current() {
        if (canonical.isEmpty()) {
            block();
        }
        return canonical.get(canonical.size() - 1);
    }

    private LogEvent.Builder position(SimBlock block, String address) {
        int index = block.records().size() - 1;
        return LogEvent.newBuilder().setChainId(chainId).setBlockNumber(block.number()).setBlockHash(block.hash())
                .setBlockTimestamp(timestamp(block.number())).setLogIndex(index)
                .setTxHash(digest(block.hash() + "/" + index)).setAddress(address);
    }

    private ChainBuilder sendLog(SimBlock block, LogEvent log) {
        lastLog = JsonLines.format(new InputRecord(log));
        send(block, lastLog);
        return this;
    }

    private void send(SimBlock block, String record) {
        block.records().add(record);
        out.accept(record);
    }

    private String blockHash(long number) {
        return digest("chain " + chainId + " block " + number + " fork " + (number == 0 ? 0 : forks));
    }

    private static long timestamp(long number) {
        return FIRST_TIMESTAMP + number * BLOCK_SECONDS;
    }

    private static String digest(String text) {
        try {
            return Hex.encode(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
