package io.tidewater.bench.chaos;

import java.io.PrintStream;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The verdict of a run, printed for people: counts per fault, {@code N/N consistent}, and every failure in detail. */
record ChaosReport(ChaosPlan plan, List<ChaosRun.Episode> episodes, DeadLetterAudit.Result deadLetters,
        List<String> progressViolations, long progressPolls, String finalStop, String finalDifferences, long refusedBatches,
        List<FaultActions.ZombieEpisode> zombies, Workload workload, int instancesLaunched,
        Duration elapsed) {

    int staleAttempted() {
        return zombies.stream().mapToInt(FaultActions.ZombieEpisode::staleAttempted).sum();
    }

    int staleRefused() {
        return zombies.stream().mapToInt(FaultActions.ZombieEpisode::staleRefused).sum();
    }

    int staleAccepted() {
        return zombies.stream().mapToInt(FaultActions.ZombieEpisode::staleAccepted).sum();
    }

    long consistentCount() {
        return episodes.stream().filter(ChaosRun.Episode::consistent).count();
    }

    boolean passed() {
        return consistentCount() == episodes.size() && deadLetters.exact() && progressViolations.isEmpty() && staleAccepted() == 0
                && finalStop.equals("exit 0") && finalDifferences.isEmpty();
    }

    void print(PrintStream out) {
        out.println();
        out.printf("chaos run, seed %d, %d s, %d tidewater instances launched%n", plan.seed(), elapsed.toSeconds(), instancesLaunched);
        out.printf("input: %d valid lines (simulated %s), %d unhandled events, %d poison pills%n", workload.validLines(),
                workload.simulated(), workload.unhandledEvents(), workload.poison().size());
        Map<FaultKind, int[]> byKind = new EnumMap<>(FaultKind.class);
        for (ChaosRun.Episode e : episodes) {
            int[] c = byKind.computeIfAbsent(e.kind(), k -> new int[2]);
            c[0]++;
            c[1] += e.consistent() ? 1 : 0;
        }
        out.println("faults:");
        byKind.forEach((k, c) -> out.printf("  %-30s %d/%d consistent%n", k.label(), c[1], c[0]));
        out.printf("tidewater_progress: %d polls, %d regressions; batches refused by the forward-only rule: %d%n", progressPolls,
                progressViolations.size(), refusedBatches);
        progressViolations.forEach(v -> out.println("  " + v));
        if (!zombies.isEmpty()) {
            out.printf("frozen instances: %d takeovers, %d froze holding a batch, %d of those stale at the resume (%d made stale by "
                    + "the successor, the others replays); zombie stale batches attempted %d, refused %d, accepted %d%n", zombies.size(),
                    zombies.stream().filter(FaultActions.ZombieEpisode::held).count(),
                    zombies.stream().filter(FaultActions.ZombieEpisode::stale).count(),
                    zombies.stream().filter(FaultActions.ZombieEpisode::staleByTakeover).count(), staleAttempted(), staleRefused(),
                    staleAccepted());
        }
        out.printf("dead letters: %d/%d injected records routed with their category, field and reason%n",
                deadLetters.found(), deadLetters.injected());
        deadLetters.byCategory().forEach((k, c) -> out.printf("  %-20s %d/%d%n", k, c[1], c[0]));
        deadLetters.problems().stream().limit(20).forEach(p -> out.println("  PROBLEM " + p));
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
