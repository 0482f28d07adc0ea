package io.tidewater.topology.internals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidewater.topology.api.DeepReorgException;
import io.tidewater.topology.internals.ReorgDetector.Action;
import io.tidewater.topology.internals.ReorgDetector.Verdict;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReorgDetectorTest {
    private final ReorgDetector detector = new ReorgDetector(10);
    private final Map<Long, String> hashes = new HashMap<>();

    private ChainPosition chain(long head, long lastBlock, long lastLog, long prunedThrough) {
        for (long b = Math.max(0, prunedThrough + 1); b <= head; b++) {
            hashes.put(b, "h" + b);
        }
        return new ChainPosition(1, head, "h" + head, null, lastBlock, lastLog, prunedThrough, 0, 0);
    }

    @Test
    void logsAboveTheHeadApply() {
        assertThat(detector.forLog(chain(5, 5, 2, -1), 6, 0, "x", hashes::get)).isEqualTo(Verdict.APPLY);
    }

    @Test
    void logsAtOrBeforeTheLastPositionWithTheSameHashAreDuplicates() {
        ChainPosition c = chain(5, 5, 2, -1);
        assertThat(detector.forLog(c, 5, 2, "h5", hashes::get)).isEqualTo(Verdict.DUPLICATE);
        assertThat(detector.forLog(c, 4, 9, "h4", hashes::get)).isEqualTo(Verdict.DUPLICATE);
        assertThat(detector.forLog(c, 5, 3, "h5", hashes::get)).isEqualTo(Verdict.APPLY);
    }

    @Test
    void aChangedHashRollsBackToTheBlockBefore() {
        Verdict v = detector.forLog(chain(5, 5, 2, -1), 4, 0, "other", hashes::get);
        assertThat(v.action()).isEqualTo(Action.APPLY);
        assertThat(v.rollbackTo()).isEqualTo(3);
    }

    @Test
    void anUnknownBlockBelowTheHeadRollsBack() {
        ChainPosition c = chain(5, 3, 0, -1);
        hashes.remove(4L);
        assertThat(detector.forLog(c, 4, 0, "h4'", hashes::get).rollbackTo()).isEqualTo(3);
    }

    @Test
    void aBlockWhoseParentIsNotOurBlockUndoesThatBlockToo() {
        ChainPosition c = chain(5, 5, 0, -1);
        Verdict v = detector.forBlock(c, 6, "h6", "not-h5", hashes::get);
        assertThat(v.rollbackTo()).isEqualTo(4);
        assertThat(detector.forBlock(c, 6, "h6", "h5", hashes::get)).isEqualTo(Verdict.APPLY);
        assertThat(detector.forBlock(c, 5, "h5", "h4", hashes::get)).isEqualTo(Verdict.DUPLICATE);
    }

    @Test
    void explicitReorgsAtOrAboveTheHeadAreIgnored() {
        ChainPosition c = chain(5, 5, 0, -1);
        assertThat(detector.forReorg(c, 5)).isEqualTo(Verdict.IGNORE);
        assertThat(detector.forReorg(c, 2)).isEqualTo(new Verdict(Action.ROLLBACK_ONLY, 2));
    }

    @Test
    void reorgsDeeperThanTheThresholdOrBelowPrunedHistoryAreDeep() {
        ChainPosition c = chain(30, 30, 0, 19);
        assertThat(detector.forReorg(c, 20).rollbackTo()).isEqualTo(20);
        assertThatThrownBy(() -> detector.forReorg(c, 19))
                .isInstanceOf(DeepReorgException.class)
                .hasMessageContaining("chain 1").hasMessageContaining("depth 11").hasMessageContaining("threshold 10");
        ChainPosition pruned = chain(25, 25, 0, 19);
        assertThatThrownBy(() -> detector.forReorg(pruned, 18))
                .isInstanceOf(DeepReorgException.class).hasMessageContaining("pruned");
    }

    @Test
    void aBlockAtTheHeadWithAnotherHashRollsBackToTheBlockBefore() {
        ChainPosition c = chain(5, 5, 0, -1);
        assertThat(detector.forBlock(c, 5, "h5'", "h4", hashes::get)).isEqualTo(new Verdict(Action.APPLY, 4));
        assertThat(detector.forBlock(c, 5, "h5'", "h4'", hashes::get)).isEqualTo(new Verdict(Action.APPLY, 3));
    }

    @Test
    void aLogForAHeadWhoseHashIsUnknownApplies() {
        ChainPosition c = chain(5, 3, 0, -1);
        hashes.remove(5L);
        assertThat(detector.forLog(c, 5, 0, "h5'", hashes::get)).isEqualTo(Verdict.APPLY);
    }

    @Test
    void anImplicitReorgDeeperThanTheThresholdStopsBeforeAnythingIsApplied() {
        ChainPosition c = chain(30, 30, 0, 15);
        assertThatThrownBy(() -> detector.forLog(c, 19, 0, "other", hashes::get))
                .isInstanceOf(DeepReorgException.class).hasMessageContaining("depth 12").hasMessageContaining("log for block 19");
        assertThatThrownBy(() -> detector.forBlock(c, 20, "other", "h19", hashes::get))
                .isInstanceOf(DeepReorgException.class).hasMessageContaining("depth 11");
    }

    @Test
    void aReorgNoticeForAChainNeverSeenIsIgnored() {
        assertThat(detector.forReorg(ChainPosition.start(7), 0)).isEqualTo(Verdict.IGNORE);
    }
}
