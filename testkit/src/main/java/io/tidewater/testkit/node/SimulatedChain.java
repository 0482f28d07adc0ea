package io.tidewater.testkit.node;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * A chain of blocks holding ERC20 {@code Transfer} logs, as real EVM logs (topics and data), that a
 * test grows and reorganizes: {@link #mine} appends blocks, {@link #reorg} replaces the newest
 * blocks with a new branch of other hashes and other transfers. Everything follows from the seed
 * and the calls made, so a test can rebuild what the canonical chain holds.
 *
 * <p>Threading: every method is synchronized; a test thread may mine while a node serves it.
 */
public final class SimulatedChain {
    /** keccak256("Transfer(address,address,uint256)"): topic 0 of every ERC20 Transfer. */
    public static final String TRANSFER_TOPIC = "0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef";
    public static final String ZERO_ADDRESS = "0x0000000000000000000000000000000000000000";

    /**
     * How the chain's blocks are filled.
     *
     * @param tokens           ERC20 contracts emitting the transfers
     * @param holders          addresses that send and receive
     * @param minLogsPerBlock  fewest transfers in a block
     * @param maxLogsPerBlock  most transfers in a block (uniform in between)
     * @param genesisTimestamp seconds since the epoch of block 0
     * @param blockSeconds     seconds between blocks
     */
    public record Options(int tokens, int holders, int minLogsPerBlock, int maxLogsPerBlock, long genesisTimestamp, int blockSeconds) {
        public static Options defaults() {
            return new Options(3, 20, 0, 4, 1_700_000_000L, 12);
        }
    }

    /** One block of the canonical chain. */
    public record Block(long number, String hash, String parentHash, long timestamp, List<Log> logs) {
    }

    /**
     * One Transfer log, raw as a node serves it, and decoded for a test's expectations.
     *
     * @param address the token contract
     */
    public record Log(long blockNumber, String blockHash, long logIndex, String txHash, String address, List<String> topics,
            String data, String from, String to, BigInteger value) {
    }

    private final long chainId;
    private final long seed;
    private final Options options;
    private final Random random;
    private final List<Block> blocks = new ArrayList<>();
    private final Map<String, Block> byHash = new HashMap<>();
    private long branches;

    public SimulatedChain(long chainId, long seed, Options options) {
        this.chainId = chainId;
        this.seed = seed;
        this.options = options;
        this.random = new Random(seed);
        append(new Block(0, hash(0, 0), hash(-1, 0), options.genesisTimestamp(), List.of()));
    }

    public long chainId() {
        return chainId;
    }

    public synchronized long head() {
        return blocks.size() - 1;
    }

    /** Appends {@code n} blocks. */
    public synchronized void mine(int n) {
        for (int i = 0; i < n; i++) {
            append(newBlock(blocks.get(blocks.size() - 1)));
        }
    }

    /**
     * Replaces the newest {@code depth} blocks with a new branch of as many blocks, with other
     * hashes and other transfers: what a node shows after a reorg of that depth.
     */
    public synchronized void reorg(int depth) {
        if (depth < 1 || depth > head()) {
            throw new IllegalArgumentException("cannot reorganize " + depth + " blocks of a chain with head " + head());
        }
        branches++;
        for (int i = 0; i < depth; i++) {
            blocks.remove(blocks.size() - 1);
        }
        mine(depth);
    }

    public synchronized Optional<Block> block(long number) {
        return number >= 0 && number < blocks.size() ? Optional.of(blocks.get((int) number)) : Optional.empty();
    }

    /** A block of the canonical chain by hash; blocks of abandoned branches are not served. */
    public synchronized Optional<Block> blockByHash(String hash) {
        Block b = byHash.get(hash.toLowerCase(Locale.ROOT));
        return b != null && b.number() < blocks.size() && blocks.get((int) b.number()) == b ? Optional.of(b) : Optional.empty();
    }

    /** The logs of blocks {@code from} to {@code to} that match the filter (empty sets match all). */
    public synchronized List<Log> logs(long from, long to, Set<String> addresses, Set<String> topic0s) {
        List<Log> out = new ArrayList<>();
        for (long n = Math.max(0, from); n <= Math.min(to, head()); n++) {
            for (Log log : blocks.get((int) n).logs()) {
                if ((addresses.isEmpty() || addresses.contains(log.address())) && (topic0s.isEmpty() || topic0s.contains(log.topics().get(0)))) {
                    out.add(log);
                }
            }
        }
        return out;
    }

    /** Every log of the canonical chain, in order. */
    public synchronized List<Log> canonicalLogs() {
        return logs(0, head(), Set.of(), Set.of());
    }

    /** The token contracts' addresses. */
    public List<String> tokens() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < options.tokens(); i++) {
            out.add(address(0xc0de0000L + i));
        }
        return out;
    }

    private void append(Block b) {
        blocks.add(b);
        byHash.put(b.hash(), b);
    }

    private Block newBlock(Block parent) {
        long number = parent.number() + 1;
        String hash = hash(number, branches);
        int count = options.minLogsPerBlock() + random.nextInt(options.maxLogsPerBlock() - options.minLogsPerBlock() + 1);
        List<Log> logs = new ArrayList<>(count);
        List<String> tokens = tokens();
        for (int i = 0; i < count; i++) {
            String token = tokens.get(random.nextInt(tokens.size()));
            String from = random.nextInt(10) == 0 ? ZERO_ADDRESS : holder(random.nextInt(options.holders()));
            String to = holder(random.nextInt(options.holders()));
            BigInteger value = BigInteger.valueOf(1 + random.nextInt(1_000_000));
            String txHash = "0x" + HexFormat.of().formatHex(digest("tx", number, branches * 1_000_000 + i));
            logs.add(new Log(number, hash, i, txHash, token, List.of(TRANSFER_TOPIC, word(from), word(to)), uint256(value), from, to, value));
        }
        return new Block(number, hash, parent.hash(), parent.timestamp() + options.blockSeconds(), List.copyOf(logs));
    }

    private String holder(int i) {
        return address(0xa11ce000L + i);
    }

    private static String address(long n) {
        return "0x" + String.format(Locale.ROOT, "%040x", n);
    }

    /** An address as a 32-byte topic: left-padded with zeros. */
    static String word(String address) {
        return "0x" + "0".repeat(24) + address.substring(2);
    }

    static String uint256(BigInteger value) {
        return "0x" + String.format(Locale.ROOT, "%64s", value.toString(16)).replace(' ', '0');
    }

    private String hash(long number, long branch) {
        return "0x" + HexFormat.of().formatHex(digest("block", number, branch));
    }

    private byte[] digest(String kind, long number, long salt) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return sha.digest((kind + "/" + chainId + "/" + seed + "/" + number + "/" + salt).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
