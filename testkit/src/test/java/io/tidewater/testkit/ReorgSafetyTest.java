package io.tidewater.testkit;

import static io.tidewater.testkit.fixtures.Ledger.DEPOSIT;
import static io.tidewater.testkit.fixtures.Ledger.VAULT;
import static io.tidewater.testkit.fixtures.Ledger.WITHDRAW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidewater.testkit.fixtures.Ledger;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ReorgSafetyTest {
    static final List<String> HOLDERS = List.of(
            "0x0000000000000000000000000000000000000001", "0x0000000000000000000000000000000000000002",
            "0x0000000000000000000000000000000000000003");

    /** Mostly deposits; withdrawals that may overdraw, which the handler refuses (dead letters must match too). */
    static void ledgerTraffic(long chainId, long block, Random random, Logs logs) {
        for (int i = random.nextInt(3); i >= 0; i--) {
            String who = HOLDERS.get(random.nextInt(HOLDERS.size()));
            logs.log(VAULT, random.nextInt(4) == 0 ? WITHDRAW : DEPOSIT, who, 1 + random.nextInt(50));
        }
    }

    @Test
    void aSafeIndexerPassesAndTheCheckReallyReorged() {
        ReorgSafety.Report report = ReorgSafety.of(Ledger::safe, ReorgSafetyTest::ledgerTraffic)
                .chains(1, 2).seeds(12).blocks(30).check();
        assertThat(report.seeds()).isEqualTo(12);
        assertThat(report.reorgs()).isPositive();
        assertThat(report.forks()).isPositive();
        assertThat(report.duplicates()).isPositive();
        assertThat(report.logsApplied()).isGreaterThan(12 * 30);
    }

    @Test
    void anIndexerWithStateOutsideItsEntitiesFailsNamingTheSeed() {
        assertThatThrownBy(() -> ReorgSafety.of(Ledger::leaky, ReorgSafetyTest::ledgerTraffic).seeds(10).blocks(30).check())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("seed ")
                .hasMessageContaining("Movement")
                .hasMessageContaining("on a clean replay of the canonical chain")
                .hasMessageContaining("firstSeed(");
    }

    @Test
    void reorgsDeeperThanTheThresholdAreNotTried() {
        assertThatThrownBy(() -> ReorgSafety.of(Ledger::safe, ReorgSafetyTest::ledgerTraffic)
                .config(java.util.Map.of("reorg.threshold", 3)).maxDepth(5).check())
                .hasMessageContaining("maxDepth 5 is deeper than reorg.threshold 3");
    }
}
