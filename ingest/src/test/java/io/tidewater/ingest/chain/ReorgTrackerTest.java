package io.tidewater.ingest.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidewater.ingest.chain.ReorgTracker.Verdict;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReorgTrackerTest {
    /** Two branches of one chain: "a" up to 20, and "b" leaving it after block {@code forkAfter}. */
    /** Blocks {@code from} to {@code to} of a branch that leaves "a" after {@code forkAfter}, by hash. */
    private static Map<String, Header> branch(String branch, long from, long to, long forkAfter) {
        Map<String, Header> byHash = new HashMap<>();
        for (long n = from; n <= to; n++) {
            Header h = header(branch, n, forkAfter);
            byHash.put(h.hash(), h);
        }
        return byHash;
    }

    private static Header header(String branch, long n, long forkAfter) {
        String own = n <= forkAfter ? "a" : branch;
        String parent = n - 1 <= forkAfter ? "a" : branch;
        return new Header(n, "0x" + own + n, "0x" + parent + (n - 1), 1_000 + n);
    }

    private static ReorgTracker tracker(int window, long from, long to) {
        ReorgTracker t = new ReorgTracker(1, window, from, Map.of());
        for (long n = from; n <= to; n++) {
            t.record(header("a", n, Long.MAX_VALUE));
        }
        return t;
    }

    @Test
    void tellsExtensionsDuplicatesAndForksApart() {
        ReorgTracker t = tracker(50, 0, 20);
        assertThat(t.check(header("a", 21, 100))).isEqualTo(Verdict.EXTENDS);
        assertThat(t.check(header("a", 20, 100))).isEqualTo(Verdict.SAME);
        assertThat(t.check(header("b", 20, 17))).isEqualTo(Verdict.FORK);
        assertThat(t.check(header("b", 21, 17))).as("its parent 20 is not ours").isEqualTo(Verdict.FORK);
        assertThat(t.check(header("b", 30, 17))).as("no hash recorded near it: cannot tell").isEqualTo(Verdict.EXTENDS);
    }

    @Test
    void walksTheNewBranchBackByHashToTheCommonAncestor() throws Exception {
        ReorgTracker t = tracker(50, 0, 20);
        Map<String, Header> branchB = branch("b", 0, 22, 17);
        int[] lookups = {0};
        long ancestor = t.commonAncestor(header("b", 22, 17), hash -> {
            lookups[0]++;
            return branchB.get(hash);
        });
        assertThat(ancestor).isEqualTo(17);
        assertThat(lookups[0]).isEqualTo(5);
        t.rollback(ancestor);
        assertThat(t.tip()).isEqualTo(17);
    }

    @Test
    void aBlockTheNodeNoLongerKnowsEndsTheWalkSoThatItStartsAgainFromTheHead() {
        ReorgTracker t = tracker(50, 0, 20);
        Map<String, Header> branchB = branch("b", 19, 22, 17);
        // Blocks 18 and below of branch b are gone: the node moved to a branch c meanwhile.
        assertThatThrownBy(() -> t.commonAncestor(header("b", 22, 17), branchB::get))
                .isInstanceOf(AbandonedBranchException.class).hasMessageContaining("block 18");
        assertThat(t.tip()).as("nothing rolled back").isEqualTo(20);
    }

    @Test
    void aForkBelowTheWindowIsDeep() {
        ReorgTracker t = tracker(5, 0, 20);
        Map<String, Header> branchB = branch("b", 0, 21, 10);
        assertThatThrownBy(() -> t.commonAncestor(header("b", 21, 10), branchB::get))
                .isInstanceOf(DeepForkException.class)
                .hasMessageContaining("deep reorg on chain 1").hasMessageContaining("window of 5 blocks");
    }

    @Test
    void aShallowForkAtTheTipOfALaggingIngesterIsNotDeepHoweverFarTheNodeHasMovedOn() throws Exception {
        ReorgTracker t = tracker(5, 0, 20);
        Map<String, Header> branchB = branch("b", 0, 300, 18);
        // The node is at 300 on branch b, which left ours after 18 while the ingester was stopped at 20.
        assertThat(t.commonAncestor(header("b", 21, 18), branchB::get)).isEqualTo(18);
    }

    @Test
    void aForkBelowEverythingProducedRollsBackToBeforeTheStart() throws Exception {
        ReorgTracker t = tracker(50, 10, 20);
        Map<String, Header> branchB = branch("b", 0, 20, 5);
        assertThat(t.commonAncestor(header("b", 20, 5), branchB::get)).isEqualTo(9);
    }
}
