package io.tidewater.examples.erc20.sim;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A seeded ERC20 chain producer for demos, benchmarks and tests: it emits JSON lines of the input
 * topic (docs/architecture.md, The input topic) with mints, burns, full-balance moves and
 * self-transfers, explicit reorgs, implicit reorgs (a block re-sent with a new hash, and a block
 * whose parent is not the one we hold), and at-least-once duplicates. It remembers which logs are canonical, so a test can compute the
 * expected tables without the engine's reorg logic.
 *
 * <p>Duplicates only repeat canonical records, as a producer retrying a send would; re-sending
 * a record of an abandoned fork would itself be a reorg.
 */
public final class ChainSimulator {
    public static final String ZERO = "0x0000000000000000000000000000000000000000";

    /** What the simulator does at one step; counted for test diagnostics and the demo summary. */
    public enum Kind { BLOCK, EXPLICIT_REORG, IMPLICIT_REORG, PARENT_REORG, DUPLICATE }

    private record SimBlock(long number, String hash, String parentHash, long timestamp, List<SimTransfer> logs,
            Map<String, BigInteger> deltas) {
    }

    private final class Chain {
        final long id;
        final List<String> tokens = new ArrayList<>();
        final List<String> holders = new ArrayList<>();
        final Deque<SimBlock> recent = new ArrayDeque<>();
        final Map<String, BigInteger> balances = new HashMap<>();
        long head = 0;
        String headHash;
        int fork = 0;

        Chain(long id) {
            this.id = id;
            for (int i = 0; i < options.tokensPerChain(); i++) {
                tokens.add(hex("token:" + id + ":" + i, 20));
            }
            for (int i = 0; i < options.holders(); i++) {
                holders.add(hex("holder:" + id + ":" + i, 20));
            }
            headHash = hex("genesis:" + id, 32);
        }
    }

    private final SimOptions options;
    private final SplittableRandom random;
    private final List<Chain> chains = new ArrayList<>();
    private final boolean keepCanonical;
    private final Map<Long, List<SimBlock>> canonical = new LinkedHashMap<>();
    private final Map<Kind, Integer> counts = new HashMap<>();
    private final int keepRecent;

    public ChainSimulator(long seed, SimOptions options, boolean keepCanonical) {
        this.options = options;
        this.random = new SplittableRandom(seed);
        this.keepCanonical = keepCanonical;
        this.keepRecent = Math.max(options.maxReorgDepth(), 3) + 2;
        for (long id : options.chains()) {
            chains.add(new Chain(id));
            canonical.put(id, new ArrayList<>());
        }
    }

    /** Runs one step and returns the lines it emitted (possibly none). */
    public List<String> step() {
        Chain chain = chains.get(random.nextInt(chains.size()));
        List<String> out = new ArrayList<>();
        double r = random.nextDouble();
        if (r < options.reorgProbability() && chain.recent.size() > 1) {
            reorg(chain, out);
        } else if (r < options.reorgProbability() + options.duplicateProbability() && !chain.recent.isEmpty()) {
            duplicate(chain, out);
        } else {
            extend(chain, out, false);
        }
        return out;
    }

    /** Steps until at least {@code lines} lines were emitted. */
    public List<String> generate(int lines) {
        List<String> out = new ArrayList<>(lines + 16);
        while (out.size() < lines) {
            out.addAll(step());
        }
        return out;
    }

    /** The canonical Transfer logs of every chain, in chain order then block and log order. */
    public List<SimTransfer> canonicalTransfers() {
        if (!keepCanonical) {
            throw new IllegalStateException("this simulator was made without keeping canonical history");
        }
        List<SimTransfer> out = new ArrayList<>();
        canonical.values().forEach(blocks -> blocks.forEach(b -> out.addAll(b.logs())));
        return out;
    }

    public Map<Kind, Integer> counts() {
        return Map.copyOf(counts);
    }

    private void extend(Chain chain, List<String> out, boolean forceAnnounce) {
        long number = chain.head + 1;
        String hash = hex("block:" + chain.id + ":" + number + ":" + chain.fork, 32);
        long timestamp = 1_700_000_000L + number * 12;
        int logs = random.nextInt(options.maxLogsPerBlock() + 1);
        List<SimTransfer> transfers = new ArrayList<>();
        Map<String, BigInteger> deltas = new HashMap<>();
        for (int i = 0; i < logs; i++) {
            transfers.add(transfer(chain, number, hash, timestamp, i, deltas));
        }
        SimBlock block = new SimBlock(number, hash, chain.headHash, timestamp, transfers, deltas);
        if (forceAnnounce || transfers.isEmpty() || random.nextDouble() < options.headerProbability()) {
            if (!transfers.isEmpty() || forceAnnounce || random.nextBoolean()) {
                out.add(header(chain, block));
            }
        }
        transfers.forEach(t -> out.add(log(t)));
        push(chain, block);
        count(Kind.BLOCK);
    }

    private void reorg(Chain chain, List<String> out) {
        int depth = 1 + random.nextInt(Math.min(options.maxReorgDepth(), chain.recent.size() - 1));
        int mode = random.nextInt(3);
        if (mode == 2 && depth == 1) {
            // The head block is replaced by an empty sibling that is never sent; the next block's
            // parentHash is the only evidence.
            truncate(chain, chain.head - 1);
            chain.fork++;
            long number = chain.head + 1;
            String siblingHash = hex("block:" + chain.id + ":" + number + ":" + chain.fork, 32);
            SimBlock sibling = new SimBlock(number, siblingHash, chain.headHash, 1_700_000_000L + number * 12, List.of(), Map.of());
            push(chain, sibling);
            extend(chain, out, true);
            count(Kind.PARENT_REORG);
            return;
        }
        long lastValid = chain.head - depth;
        truncate(chain, lastValid);
        chain.fork++;
        if (mode == 0) {
            out.add("{\"kind\":\"reorg\",\"chainId\":" + chain.id + ",\"lastValidBlock\":" + lastValid + "}");
            count(Kind.EXPLICIT_REORG);
        } else {
            count(Kind.IMPLICIT_REORG);
        }
        // The first new block must be announced, or its old version would survive.
        extend(chain, out, true);
    }

    private void duplicate(Chain chain, List<String> out) {
        List<SimBlock> blocks = new ArrayList<>(chain.recent);
        int from = Math.max(0, blocks.size() - 3);
        for (SimBlock b : blocks.subList(from + random.nextInt(blocks.size() - from), blocks.size())) {
            b.logs().forEach(t -> out.add(log(t)));
        }
        count(Kind.DUPLICATE);
    }

    private void truncate(Chain chain, long lastValid) {
        while (!chain.recent.isEmpty() && chain.recent.peekLast().number() > lastValid) {
            SimBlock gone = chain.recent.removeLast();
            gone.deltas().forEach((k, d) -> chain.balances.merge(k, d.negate(), BigInteger::add));
            if (keepCanonical) {
                List<SimBlock> c = canonical.get(chain.id);
                c.remove(c.size() - 1);
            }
        }
        chain.head = lastValid;
        chain.headHash = chain.recent.isEmpty() ? hex("genesis:" + chain.id, 32) : chain.recent.peekLast().hash();
    }

    private void push(Chain chain, SimBlock block) {
        chain.recent.addLast(block);
        while (chain.recent.size() > keepRecent) {
            chain.recent.removeFirst();
        }
        chain.head = block.number();
        chain.headHash = block.hash();
        if (keepCanonical) {
            canonical.get(chain.id).add(block);
        }
    }

    private SimTransfer transfer(Chain chain, long number, String hash, long timestamp, int index,
            Map<String, BigInteger> deltas) {
        String token = chain.tokens.get(random.nextInt(chain.tokens.size()));
        String from = chain.holders.get(random.nextInt(chain.holders.size()));
        String to = chain.holders.get(random.nextInt(chain.holders.size()));
        BigInteger held = chain.balances.getOrDefault(token + from, BigInteger.ZERO);
        BigInteger value;
        double r = random.nextDouble();
        if (r < 0.25 || held.signum() <= 0) {
            from = ZERO;
            value = BigInteger.valueOf(1 + random.nextLong(1_000_000_000L)).multiply(BigInteger.TEN.pow(15));
        } else if (r < 0.45) {
            value = held;
        } else if (r < 0.5) {
            to = from;
            value = held;
        } else if (r < 0.55) {
            to = ZERO;
            value = held.divide(BigInteger.TWO).max(BigInteger.ONE);
        } else {
            value = held.divide(BigInteger.valueOf(1 + random.nextInt(4))).max(BigInteger.ONE);
        }
        apply(chain, deltas, token + from, from, value.negate());
        apply(chain, deltas, token + to, to, value);
        String tx = hex("tx:" + chain.id + ":" + number + ":" + chain.fork + ":" + index, 32);
        return new SimTransfer(chain.id, number, hash, timestamp, index, tx, token, from, to, value);
    }

    private static void apply(Chain chain, Map<String, BigInteger> deltas, String key, String holder, BigInteger delta) {
        if (ZERO.equals(holder)) {
            return;
        }
        chain.balances.merge(key, delta, BigInteger::add);
        deltas.merge(key, delta, BigInteger::add);
    }

    private String header(Chain chain, SimBlock b) {
        return "{\"kind\":\"block\",\"chainId\":" + chain.id + ",\"number\":" + b.number() + ",\"hash\":\"" + b.hash()
                + "\",\"parentHash\":\"" + b.parentHash() + "\",\"timestamp\":" + b.timestamp() + "}";
    }

    private static String log(SimTransfer t) {
        return "{\"kind\":\"log\",\"chainId\":" + t.chainId() + ",\"blockNumber\":" + t.blockNumber() + ",\"blockHash\":\""
                + t.blockHash() + "\",\"blockTimestamp\":" + t.blockTimestamp() + ",\"logIndex\":" + t.logIndex()
                + ",\"txHash\":\"" + t.txHash() + "\",\"address\":\"" + t.token() + "\",\"event\":\"Transfer\","
                + "\"params\":{\"from\":\"" + t.from() + "\",\"to\":\"" + t.to() + "\",\"value\":\"" + t.value() + "\"}}";
    }

    private void count(Kind kind) {
        counts.merge(kind, 1, Integer::sum);
    }

    static String hex(String seed, int bytes) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8));
            return "0x" + HexFormat.of().formatHex(d, 0, bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
