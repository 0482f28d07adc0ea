package io.tidewater.bench.chaos;

import java.io.PrintStream;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The verdict of a run, printed for people: counts per fault, {@code N/N consistent}, and every failure in detail.
 *
 * @param ingested what the ingester put on the topic against the fake node's chain; null without a cluster
 * @param unreplicatedTopics topics with fewer than 3 replicas or another min.insync.replicas than 2, on the cluster
 * @param nodeReorgs reorgs the fake node made while the ingester followed it
 * @param nodeHead the fake node's last block
 */
record ChaosReport(ChaosPlan plan, List<ChaosRun.Episode> episodes, DeadLetterAudit.Result deadLetters,
        List<String> progressViolations, long progressPolls, String finalStop, String finalDifferences, long refusedBatches,
        List<ZombieFaults.ZombieEpisode> zombies, Workload workload, int instancesLaunched,
        Duration elapsed, IngestedChain ingested, List<String> unreplicatedTopics, long nodeReorgs, long nodeHead) {

    int staleAttempted() {
        return zombies.stream().mapToInt(ZombieFaults.ZombieEpisode::staleAttempted).sum();
    }

    int staleRefused() {
        return zombies.stream().mapToInt(ZombieFaults.ZombieEpisode::staleRefused).sum();
    }

    int staleAccepted() {
        return zombies.stream().mapToInt(ZombieFaults.ZombieEpisode::staleAccepted).sum();
    }

    long consistentCount() {
        return episodes.stream().filter(ChaosRun.Episode::consistent).count();
    }

    boolean passed() {
        return consistentCount() == episodes.size() && deadLetters.exact() && progressViolations.isEmpty() && staleAccepted() == 0
                && finalStop.equals("exit 0") && finalDifferences.isEmpty() && unreplicatedTopics.isEmpty()
                && (ingested == null || ingested.gaps().isEmpty() && ingested.violations().isEmpty());
    }

    void print(PrintStream out) {
        out.println();
        out.printf("chaos run, seed %d, %d s, %d tidewater instances launched%n", plan.seed(), elapsed.toSeconds(), instancesLaunched);
        out.printf("input: %d valid lines (simulated %s), %d unhandled events, %d poison pills%n", workload.validLines(),
                workload.simulated(), workload.unhandledEvents(), workload.poison().size());
        Map<FaultKind, int[]> byKind = new EnumMap<>(FaultKind.class);
        Map<FaultKind, List<Long>> recoveries = new EnumMap<>(FaultKind.class);
        for (ChaosRun.Episode e : episodes) {
            int[] c = byKind.computeIfAbsent(e.kind(), k -> new int[4]);
            c[0]++;
            c[1] += e.consistent() ? 1 : 0;
            c[2] += e.appExits().size();
            c[3] += e.ingesterExits().size();
            if (e.recoverMillis() >= 0) {
                recoveries.computeIfAbsent(e.kind(), k -> new java.util.ArrayList<>()).add(e.recoverMillis());
            }
        }
        out.println("faults:");
        byKind.forEach((k, c) -> {
            out.printf("  %-32s %d/%d consistent", k.label(), c[1], c[0]);
            if (k.broker()) {
                List<Long> r = recoveries.getOrDefault(k, List.of()).stream().sorted().toList();
                out.printf("; app exits %d, ingester exits %d; tables right %s after the fault", c[2], c[3],
                        r.isEmpty() ? "never" : String.format("%.1f s (median), %.1f s (max)", r.get(r.size() / 2) / 1000.0,
                                r.get(r.size() - 1) / 1000.0));
            }
            out.println();
        });
        out.printf("tidewater_progress: %d polls, %d regressions; batches refused by the forward-only rule: %d%n", progressPolls,
                progressViolations.size(), refusedBatches);
        progressViolations.forEach(v -> out.println("  " + v));
        if (!zombies.isEmpty()) {
            out.printf("frozen instances: %d takeovers, %d froze holding a batch, %d of those stale at the resume (%d made stale by "
                    + "the successor, the others replays); zombie stale batches attempted %d, refused %d, accepted %d%n", zombies.size(),
                    zombies.stream().filter(ZombieFaults.ZombieEpisode::held).count(),
                    zombies.stream().filter(ZombieFaults.ZombieEpisode::stale).count(),
                    zombies.stream().filter(ZombieFaults.ZombieEpisode::staleByTakeover).count(), staleAttempted(), staleRefused(),
                    staleAccepted());
        }
        out.printf("dead letters: %d/%d injected records routed with their category, field and reason%n",
                deadLetters.found(), deadLetters.injected());
        deadLetters.byCategory().forEach((k, c) -> out.printf("  %-20s %d/%d%n", k, c[1], c[0]));
        deadLetters.problems().stream().limit(20).forEach(p -> out.println("  PROBLEM " + p));
        if (plan.cluster()) {
            out.println("topics with fewer than 3 replicas or min.insync.replicas other than 2: "
                    + (unreplicatedTopics.isEmpty() ? "none" : unreplicatedTopics));
        }
        if (ingested != null) {
            out.printf("ingested chain %d: node head %d after %d reorgs; %d logs produced, %d resent on resume, %d reorg notices; "
                    + "gaps %d, ordering violations %d%n", NodeFeed.CHAIN_ID, nodeHead, nodeReorgs, ingested.logs(), ingested.resentLogs(),
                    ingested.reorgNotices(), ingested.gaps().size(), ingested.violations().size());
            ingested.gaps().stream().limit(20).forEach(g -> out.println("  GAP " + g));
            ingested.violations().stream().limit(20).forEach(v -> out.println("  VIOLATION " + v));
        }
        out.println("final SIGTERM: " + finalStop);
        out.println("tables after every instance stopped: " + (finalDifferences.isEmpty() ? "equal to the reference"
                : "DIFFERENT\n" + finalDifferences));
        for (ChaosRun.Episode e : episodes) {
            if (!e.consistent()) {
                out.printf("episode %d (%s, %s) INCONSISTENT:%n%s", e.number(), e.kind().label(), e.note(), e.mismatch());
            }
        }
        out.printf("%d/%d consistent%n", consistentCount(), episodes.size());
        out.println(passed() ? "PASSED" : "FAILED");
    }
}
