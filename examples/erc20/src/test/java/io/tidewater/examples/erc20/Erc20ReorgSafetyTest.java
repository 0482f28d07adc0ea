package io.tidewater.examples.erc20;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidewater.testkit.Logs;
import io.tidewater.testkit.ReorgSafety;
import java.math.BigInteger;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The reference indexer through the test kit's reorg-safety check, as an indexer author would run it. */
class Erc20ReorgSafetyTest {
    static final String ZERO = "0x0000000000000000000000000000000000000000";
    static final List<String> TOKENS = List.of("0x00000000000000000000000000000000000000e1",
            "0x00000000000000000000000000000000000000f2");
    static final List<String> HOLDERS = List.of(ZERO, "0x000000000000000000000000000000000000a11c",
            "0x0000000000000000000000000000000000000b0b", "0x00000000000000000000000000000000000ca201");

    /** Mints, burns, transfers and self-transfers of small amounts, so balances often reach zero. */
    static void transfers(long chainId, long block, Random random, Logs logs) {
        for (int i = random.nextInt(4); i > 0; i--) {
            logs.log(TOKENS.get(random.nextInt(TOKENS.size())), Erc20Indexer.TRANSFER,
                    HOLDERS.get(random.nextInt(HOLDERS.size())), HOLDERS.get(random.nextInt(HOLDERS.size())),
                    BigInteger.valueOf(random.nextInt(3)));
        }
    }

    @Test
    void transfersAreReorgSafe() {
        ReorgSafety.Report report = ReorgSafety.of(Erc20Indexer::new, Erc20ReorgSafetyTest::transfers)
                .chains(1, 10).seeds(20).blocks(40).maxDepth(8).check();
        assertThat(report.reorgs() + report.forks()).isGreaterThan(20);
        assertThat(report.logsApplied()).isGreaterThan(1_000);
    }
}
