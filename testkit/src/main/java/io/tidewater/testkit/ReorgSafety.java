package io.tidewater.testkit;

import io.tidewater.topology.TidewaterConfig;
import io.tidewater.topology.api.EntityDefinition;
import io.tidewater.topology.api.Indexer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.apache.avro.specific.SpecificRecord;

/**
 * Proves an indexer's handlers reorg-safe: for each seed, a random chain with explicit reorgs,
 * silent forks, duplicate logs and re-sent blocks goes through the indexer, and the entities it
 * ends with, in the store and as written to the database, must equal those of a clean replay of
 * the canonical chain alone. A second clean replay must agree with the first, which catches
 * handlers that read a clock, a random source or state of their own.
 *
 * <pre>{@code
 * ReorgSafety.of(MyIndexer::new, (chainId, block, random, logs) ->
 *         logs.log(TOKEN, TRANSFER, pick(random), pick(random), random.nextInt(1000)))
 *     .seeds(50)
 *     .check();
 * }</pre>
 *
 * A failure is an {@link AssertionError} naming the seed, the entity and both values, and the
 * noise that seed made, so the case can be replayed with {@link #firstSeed(long)}.
 */
public final class ReorgSafety {
    /** Makes the logs of one block; the random source is the block's own, so a replaced block gets new logs. */
    @FunctionalInterface
    public interface Generator {
        void block(long chainId, long number, Random random, Logs logs);
    }

    /** What a passing check exercised. */
    public record Report(int seeds, long blocks, long reorgs, long forks, long duplicates, long logsApplied) {
    }

    private final Supplier<? extends Indexer> indexers;
    private final Generator generator;
    private int seeds = 25;
    private long firstSeed = 1;
    private int blocks = 40;
    private int maxDepth = 6;
    private long[] chains = {1};
    private Map<String, Object> config = new HashMap<>();

    private ReorgSafety(Supplier<? extends Indexer> indexers, Generator generator) {
        this.indexers = Objects.requireNonNull(indexers, "indexers");
        this.generator = Objects.requireNonNull(generator, "generator");
    }

    /** @param indexers makes a fresh indexer for each run */
    public static ReorgSafety of(Supplier<? extends Indexer> indexers, Generator generator) {
        return new ReorgSafety(indexers, generator);
    }

    public ReorgSafety seeds(int n) {
        this.seeds = n;
        return this;
    }

    public ReorgSafety firstSeed(long seed) {
        this.firstSeed = seed;
        return this;
    }

    /** Blocks per chain, reorged ones included. */
    public ReorgSafety blocks(int n) {
        this.blocks = n;
        return this;
    }

    /** Deepest reorg tried; kept within the indexer's reorg threshold. */
    public ReorgSafety maxDepth(int depth) {
        this.maxDepth = depth;
        return this;
    }

    public ReorgSafety chains(long... chainIds) {
        this.chains = chainIds.clone();
        return this;
    }

    /** Topology settings for every run, e.g. {@code reorg.threshold}. */
    public ReorgSafety config(Map<String, ?> settings) {
        this.config = new HashMap<>(settings);
        return this;
    }

    /** @throws AssertionError on the first seed whose final entities differ from the clean replay's */
    public Report check() {
        int threshold = new TidewaterConfig(config).reorgThreshold();
        if (maxDepth > threshold) {
            throw new IllegalArgumentException("maxDepth " + maxDepth + " is deeper than reorg.threshold " + threshold);
        }
        long reorgs = 0;
        long forks = 0;
        long duplicates = 0;
        long logs = 0;
        for (long seed = firstSeed; seed < firstSeed + seeds; seed++) {
            Noise noise = new Noise();
            Map<String, Snapshot> noisy;
            List<String> canonical = new ArrayList<>();
            try (IndexerTestKit kit = IndexerTestKit.of(indexers.get(), config)) {
                run(kit, seed, noise);
                for (long chainId : chains) {
                    canonical.addAll(kit.chain(chainId).canonicalRecords());
                }
                noisy = snapshot(kit.flush());
                logs += kit.stats().logsApplied();
            }
            Map<String, Snapshot> clean = replay(canonical);
            compare(seed, noise, "after reorgs and duplicates", noisy, "on a clean replay of the canonical chain", clean);
            compare(seed, noise, "on a clean replay", clean, "on a second clean replay (handlers are not deterministic)",
                    replay(canonical));
            reorgs += noise.reorgs;
            forks += noise.forks;
            duplicates += noise.duplicates;
        }
        return new Report(seeds, (long) seeds * blocks * chains.length, reorgs, forks, duplicates, logs);
    }

    /** What one seed did besides adding blocks: the script to reproduce it by. */
    private static final class Noise {
        final List<String> steps = new ArrayList<>();
        long reorgs;
        long forks;
        long duplicates;

        @Override
        public String toString() {
            return steps.isEmpty() ? "no reorgs or duplicates" : String.join(", ", steps);
        }
    }

    private void run(IndexerTestKit kit, long seed, Noise noise) {
        Random random = new Random(seed);
        for (int step = 0; step < blocks; step++) {
            for (long chainId : chains) {
                ChainBuilder chain = kit.chain(chainId);
                double roll = random.nextDouble();
                long head = chain.head();
                if (roll < 0.08 && head > 0) {
                    int depth = 1 + random.nextInt((int) Math.min(maxDepth, head));
                    chain.reorg(depth);
                    noise.reorgs++;
                    noise.steps.add("chain " + chainId + " reorg " + depth + " at " + head);
                } else if (roll < 0.16 && head > 0) {
                    int depth = 1 + random.nextInt((int) Math.min(maxDepth, head));
                    chain.fork(depth);
                    noise.forks++;
                    noise.steps.add("chain " + chainId + " fork " + depth + " at " + head);
                } else if (roll < 0.22 && head > 0) {
                    long from = Math.max(1, head - random.nextInt(maxDepth));
                    chain.resend(from);
                    noise.duplicates++;
                    noise.steps.add("chain " + chainId + " resend from " + from + " at " + head);
                }
                chain.block();
                long number = chain.head();
                // The block's own random source: a replaced block (another hash) gets other logs.
                generator.block(chainId, number, new Random(seed * 1_000_003L ^ chain.hash(number).hashCode()), chain);
                if (random.nextDouble() < 0.05) {
                    try {
                        chain.duplicateLastLog();
                        noise.duplicates++;
                    } catch (IllegalStateException noLogYet) {
                        // Nothing sent yet on this chain; nothing to duplicate.
                    }
                }
            }
        }
    }

    private Map<String, Snapshot> replay(List<String> canonical) {
        try (IndexerTestKit kit = IndexerTestKit.of(indexers.get(), config)) {
            canonical.forEach(kit::pipe);
            return snapshot(kit.flush());
        }
    }

    /** Stored and written entities of one type. */
    private record Snapshot(TreeMap<String, ? extends SpecificRecord> stored, TreeMap<String, ? extends SpecificRecord> written) {
    }

    private static Map<String, Snapshot> snapshot(IndexerTestKit kit) {
        Map<String, Snapshot> out = new TreeMap<>();
        for (EntityDefinition<?> def : kit.indexer().entities()) {
            out.put(def.name(), new Snapshot(kit.entities(def.type()), kit.written(def.type())));
        }
        return out;
    }

    private static void compare(long seed, Noise noise, String leftName, Map<String, Snapshot> left, String rightName,
            Map<String, Snapshot> right) {
        for (String entity : left.keySet()) {
            diff(seed, noise, entity + " (store)", leftName, left.get(entity).stored(), rightName, right.get(entity).stored());
            diff(seed, noise, entity + " (written)", leftName, left.get(entity).written(), rightName, right.get(entity).written());
        }
    }

    private static void diff(long seed, Noise noise, String what, String leftName, Map<String, ? extends SpecificRecord> left,
            String rightName, Map<String, ? extends SpecificRecord> right) {
        TreeSet<String> ids = new TreeSet<>(left.keySet());
        ids.addAll(right.keySet());
        for (String id : ids) {
            Object a = left.get(id);
            Object b = right.get(id);
            if (!Objects.equals(a, b)) {
                throw new AssertionError("seed " + seed + ": " + what + " '" + id + "' is " + describe(a) + " " + leftName
                        + ", but " + describe(b) + " " + rightName + ". The seed's noise: " + noise
                        + ". Reproduce with ReorgSafety...firstSeed(" + seed + ").seeds(1).");
            }
        }
    }

    private static String describe(Object entity) {
        return entity == null ? "absent" : entity.toString();
    }
}
