package io.tidewater.examples.erc20;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidewater.testkit.ChainBuilder;
import io.tidewater.testkit.IndexerTestKit;
import org.junit.jupiter.api.Test;

/** The README's test-kit example, kept true. */
class TestKitReadmeTest {
    static final String TOKEN = "0x6b175474e89094c44da98b954eedeac495271d0f";
    static final String ALICE = "0x00000000000000000000000000000000000a11ce";
    static final String BOB = "0x0000000000000000000000000000000000000b0b";
    static final String CAROL = "0x00000000000000000000000000000000000ca201";

    @Test
    void theReadmeExampleHolds() {
        try (IndexerTestKit kit = IndexerTestKit.of(new Erc20Indexer())) {
            ChainBuilder chain = kit.chain(1);
            chain.block().log(TOKEN, Erc20Indexer.TRANSFER, ALICE, BOB, 100)
                    .duplicateLastLog()
                    .block().log(TOKEN, Erc20Indexer.TRANSFER, BOB, CAROL, 40);
            chain.reorg(1)
                    .block().log(TOKEN, Erc20Indexer.TRANSFER, BOB, ALICE, 5);
            chain.fork(1).block();
            kit.flush();
            assertThat(kit.entity(Balance.class, "1-" + TOKEN + "-" + BOB)).isPresent();
            assertThat(kit.written(Balance.class)).hasSize(2);
            assertThat(kit.written(Transfer.class)).hasSize(1);
            assertThat(kit.deadLetters()).isEmpty();
            assertThat(kit.stats().rollbacks()).isEqualTo(2);
            assertThat(kit.stats().duplicates()).isEqualTo(1);
        }
    }
}
