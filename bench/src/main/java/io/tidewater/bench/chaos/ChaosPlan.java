package io.tidewater.bench.chaos;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;

/**
 * How many faults of each kind a run injects, in a seeded order, and how hard they hit.
 *
 * @param seed drives the input, the order of faults and their timing: a failing run can be re-run exactly
 * @param chunkLines simulated lines produced before each fault
 * @param counts faults per kind
 * @param minOutageSeconds shortest Postgres stop
 * @param maxOutageSeconds longest Postgres stop
 * @param maxFreezeSeconds longest Postgres SIGSTOP
 * @param maxKillDelayMs longest wait before a random kill
 * @param poisonRate share of poison pills among the logs
 * @param brokers 1 for the in-process broker, 3 for the cluster of broker processes that broker faults need
 * @param minBrokerDownSeconds shortest time two brokers stay down, and shortest broker SIGSTOP
 * @param maxBrokerDownSeconds longest time two brokers stay down, and longest broker SIGSTOP
 */
record ChaosPlan(long seed, int chunkLines, Map<FaultKind, Integer> counts, int minOutageSeconds, int maxOutageSeconds,
        int maxFreezeSeconds, long maxKillDelayMs, double poisonRate, int brokers, int minBrokerDownSeconds,
        int maxBrokerDownSeconds) {

    /** A few faults of each kind, for CI: a few minutes. */
    static ChaosPlan quick(long seed) {
        Map<FaultKind, Integer> counts = new EnumMap<>(FaultKind.class);
        counts.put(FaultKind.RANDOM_KILL, 3);
        counts.put(FaultKind.POINT_KILL, 4);
        counts.put(FaultKind.WIPED_STATE, 1);
        counts.put(FaultKind.PG_STOP, 1);
        counts.put(FaultKind.PG_FREEZE, 1);
        counts.put(FaultKind.PG_BACKEND_KILL, 2);
        counts.put(FaultKind.ZOMBIE_REBALANCE, 1);
        counts.put(FaultKind.ZOMBIE_FROZEN, 1);
        return new ChaosPlan(seed, 1_500, counts, 5, 8, 6, 2_000, 0.01, 1, 10, 20);
    }

    /** The targets: 200 kills, 10 outages of 5–120 s, 20 zombie takeovers. Hours, not minutes. */
    static ChaosPlan full(long seed) {
        Map<FaultKind, Integer> counts = new EnumMap<>(FaultKind.class);
        counts.put(FaultKind.RANDOM_KILL, 120);
        counts.put(FaultKind.POINT_KILL, 60);
        counts.put(FaultKind.WIPED_STATE, 20);
        counts.put(FaultKind.PG_STOP, 10);
        counts.put(FaultKind.PG_FREEZE, 5);
        counts.put(FaultKind.PG_BACKEND_KILL, 10);
        counts.put(FaultKind.ZOMBIE_REBALANCE, 10);
        counts.put(FaultKind.ZOMBIE_FROZEN, 20);
        return new ChaosPlan(seed, 2_000, counts, 5, 120, 30, 4_000, 0.01, 1, 10, 60);
    }

    ChaosPlan withCount(FaultKind kind, int count) {
        Map<FaultKind, Integer> c = new EnumMap<>(counts);
        c.put(kind, count);
        return new ChaosPlan(seed, chunkLines, c, minOutageSeconds, maxOutageSeconds, maxFreezeSeconds, maxKillDelayMs, poisonRate,
                brokers, minBrokerDownSeconds, maxBrokerDownSeconds);
    }

    ChaosPlan withOutageSeconds(int min, int max) {
        return new ChaosPlan(seed, chunkLines, counts, min, max, maxFreezeSeconds, maxKillDelayMs, poisonRate, brokers,
                minBrokerDownSeconds, maxBrokerDownSeconds);
    }

    ChaosPlan withBrokerDownSeconds(int min, int max) {
        return new ChaosPlan(seed, chunkLines, counts, minOutageSeconds, maxOutageSeconds, maxFreezeSeconds, maxKillDelayMs, poisonRate,
                brokers, min, max);
    }

    /**
     * On the three-broker cluster, with {@code total} broker faults spread over the broker fault
     * kinds (the first kinds get one more when it does not divide).
     */
    ChaosPlan withBrokerFaults(int total) {
        return withBrokerFaults(total, java.util.Arrays.stream(FaultKind.values()).filter(FaultKind::broker).toList());
    }

    /** As {@link #withBrokerFaults(int)}, spread over {@code kinds} only. */
    ChaosPlan withBrokerFaults(int total, List<FaultKind> kinds) {
        Map<FaultKind, Integer> c = new EnumMap<>(counts);
        for (int i = 0; i < kinds.size(); i++) {
            c.put(kinds.get(i), total / kinds.size() + (i < total % kinds.size() ? 1 : 0));
        }
        return new ChaosPlan(seed, chunkLines, c, minOutageSeconds, maxOutageSeconds, maxFreezeSeconds, maxKillDelayMs, poisonRate,
                BrokerCluster.SIZE, minBrokerDownSeconds, maxBrokerDownSeconds);
    }

    boolean cluster() {
        return brokers > 1;
    }

    /** Every fault once per count, shuffled by the seed. */
    List<FaultKind> episodes() {
        List<FaultKind> out = new ArrayList<>();
        counts.forEach((kind, n) -> {
            for (int i = 0; i < n; i++) {
                out.add(kind);
            }
        });
        Collections.shuffle(out, new Random(seed));
        return out;
    }

    long outageSeconds(SplittableRandom random) {
        return minOutageSeconds + random.nextInt(maxOutageSeconds - minOutageSeconds + 1);
    }

    long freezeSeconds(SplittableRandom random) {
        return 3 + random.nextInt(Math.max(1, maxFreezeSeconds - 2));
    }

    /** How long two brokers stay down. */
    long brokerDownSeconds(SplittableRandom random) {
        return minBrokerDownSeconds + random.nextInt(Math.max(1, maxBrokerDownSeconds - minBrokerDownSeconds + 1));
    }

    /** How long a broker stays frozen. */
    long brokerFreezeSeconds(SplittableRandom random) {
        return brokerDownSeconds(random);
    }

    int brokerFaults() {
        return counts.entrySet().stream().filter(e -> e.getKey().broker()).mapToInt(Map.Entry::getValue).sum();
    }

    int kills() {
        return counts.getOrDefault(FaultKind.RANDOM_KILL, 0) + counts.getOrDefault(FaultKind.POINT_KILL, 0)
                + counts.getOrDefault(FaultKind.WIPED_STATE, 0);
    }
}
