package io.tidewater.bench.perf;

import java.util.List;

/**
 * How big each measurement is. The full sizes are the issue's; quick and tiny keep the same
 * shape at sizes that finish in under two minutes and under a minute.
 *
 * @param mode the name printed and saved with the results
 * @param copyRows rows for the raw COPY and the sink-alone measurements (a, b)
 * @param logs ERC20 logs of the simulated workload that c, d and e consume
 * @param entityCheckpoints distinct-entity counts at which memory is sampled (f)
 * @param rollbackDepths blocks rolled back (g)
 * @param rollbackEntities entities touched by a rollback (g)
 * @param rollbackRepetitions rollbacks per grid point; the median is reported
 * @param nodeLogs ERC20 Transfer logs the fake node serves for h, ten a block
 */
record BenchSizes(String mode, int copyRows, int logs, List<Long> entityCheckpoints, List<Integer> rollbackDepths,
        List<Integer> rollbackEntities, int rollbackRepetitions, int nodeLogs) {

    static BenchSizes full() {
        return new BenchSizes("full", 500_000, 1_000_000, List.of(1_000_000L, 10_000_000L), List.of(1, 10, 100),
                List.of(100, 1_000, 10_000), 3, 200_000);
    }

    static BenchSizes quick() {
        return new BenchSizes("quick", 50_000, 50_000, List.of(20_000L, 100_000L), List.of(1, 10, 100),
                List.of(100, 1_000, 10_000), 1, 50_000);
    }

    static BenchSizes tiny() {
        return new BenchSizes("tiny", 5_000, 5_000, List.of(2_000L, 10_000L), List.of(1, 10, 100), List.of(100, 1_000), 1, 5_000);
    }

    /** The same run with another replay size, for a machine or a time budget that cannot take the full one. */
    BenchSizes withLogs(int newLogs) {
        return new BenchSizes(mode, copyRows, newLogs, entityCheckpoints, rollbackDepths, rollbackEntities, rollbackRepetitions, nodeLogs);
    }

    BenchSizes withEntityCheckpoints(List<Long> checkpoints) {
        return new BenchSizes(mode, copyRows, logs, List.copyOf(checkpoints), rollbackDepths, rollbackEntities, rollbackRepetitions,
                nodeLogs);
    }

    /** The same run with another size for h. */
    BenchSizes withNodeLogs(int newNodeLogs) {
        return new BenchSizes(mode, copyRows, logs, entityCheckpoints, rollbackDepths, rollbackEntities, rollbackRepetitions, newNodeLogs);
    }
}
