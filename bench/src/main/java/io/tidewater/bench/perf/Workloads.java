package io.tidewater.bench.perf;

import io.tidewater.examples.erc20.sim.ChainSimulator;
import io.tidewater.examples.erc20.sim.SimOptions;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.NoSuchElementException;

/** The ERC20 input streams the measurements consume, generated lazily so no run holds them in memory. */
final class Workloads {
    static final long SEED = 20_240_505L;
    private static final String ZERO = ChainSimulator.ZERO;

    private Workloads() {
    }

    /**
     * A replay of {@code logs} Transfer logs on two chains with explicit and implicit reorgs and
     * duplicates, as the simulator makes them: a few hundred tokens, tens of thousands of holders.
     */
    static Iterator<String> simulated(long logs) {
        ChainSimulator sim = new ChainSimulator(SEED, new SimOptions(new long[] {1, 10}, 100, 20_000, 40, 0.01, 6, 0.01, 0.3), false);
        return new Iterator<>() {
            private final Deque<String> pending = new ArrayDeque<>();
            private long emittedLogs;

            @Override
            public boolean hasNext() {
                fill();
                return !pending.isEmpty();
            }

            @Override
            public String next() {
                fill();
                if (pending.isEmpty()) {
                    throw new NoSuchElementException();
                }
                return pending.poll();
            }

            private void fill() {
                while (pending.isEmpty() && emittedLogs < logs) {
                    for (String line : sim.step()) {
                        if (emittedLogs >= logs) {
                            break;
                        }
                        if (line.startsWith("{\"kind\":\"log\"")) {
                            emittedLogs++;
                        }
                        pending.add(line);
                    }
                }
            }
        };
    }

    /**
     * Mints to ever new holders of one token, so every log adds two distinct entities (its
     * Transfer and a Balance): the many-holders workload of the memory measurement.
     */
    static Iterator<String> manyHolders(long chainId, long logs, int logsPerBlock) {
        return new Iterator<>() {
            private long i;

            @Override
            public boolean hasNext() {
                return i < logs;
            }

            @Override
            public String next() {
                if (i >= logs) {
                    throw new NoSuchElementException();
                }
                long n = i++;
                long block = 1 + n / logsPerBlock;
                return mint(chainId, block, blockHash(chainId, block, 0), n % logsPerBlock, holder(n), 1 + n % 997);
            }
        };
    }

    static String mint(long chainId, long block, String hash, long logIndex, String to, long value) {
        return "{\"kind\":\"log\",\"chainId\":" + chainId + ",\"blockNumber\":" + block + ",\"blockHash\":\"" + hash
                + "\",\"blockTimestamp\":" + (1_700_000_000L + block * 12) + ",\"logIndex\":" + logIndex
                + ",\"txHash\":\"" + blockHash(chainId, block * 100_000 + logIndex, 7) + "\",\"address\":\"" + token(chainId)
                + "\",\"event\":\"Transfer\",\"params\":{\"from\":\"" + ZERO + "\",\"to\":\"" + to + "\",\"value\":\"" + value + "\"}}";
    }

    static String header(long chainId, long block, String hash, String parent) {
        return "{\"kind\":\"block\",\"chainId\":" + chainId + ",\"number\":" + block + ",\"hash\":\"" + hash
                + "\",\"parentHash\":\"" + parent + "\",\"timestamp\":" + (1_700_000_000L + block * 12) + "}";
    }

    static String reorg(long chainId, long lastValidBlock) {
        return "{\"kind\":\"reorg\",\"chainId\":" + chainId + ",\"lastValidBlock\":" + lastValidBlock + "}";
    }

    /** A 32-byte hash that differs per chain, block and fork, cheap to make. */
    static String blockHash(long chainId, long block, int fork) {
        return String.format("0x%016x%016x%016x%016x", chainId, block, fork, chainId * 31 + block * 17 + fork);
    }

    static String holder(long n) {
        return String.format("0x%040x", n + 1);
    }

    static String token(long chainId) {
        return String.format("0x%040x", 0xe20L << 32 | chainId);
    }
}
