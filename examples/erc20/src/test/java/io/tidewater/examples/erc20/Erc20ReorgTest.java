package io.tidewater.examples.erc20;

import static io.tidewater.examples.erc20.Erc20Fixture.ALICE;
import static io.tidewater.examples.erc20.Erc20Fixture.BOB;
import static io.tidewater.examples.erc20.Erc20Fixture.CAROL;
import static io.tidewater.examples.erc20.Erc20Fixture.ZERO;
import static io.tidewater.examples.erc20.Erc20Fixture.balance;
import static io.tidewater.examples.erc20.Erc20Fixture.balanceId;
import static io.tidewater.examples.erc20.Erc20Fixture.snapshot;
import static io.tidewater.examples.erc20.Erc20Fixture.token;
import static io.tidewater.examples.erc20.Erc20Fixture.tokenId;
import static io.tidewater.examples.erc20.Erc20Fixture.transfer;
import static io.tidewater.examples.erc20.Erc20Fixture.transferOnFork;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidewater.topology.api.DeepReorgException;
import io.tidewater.topology.internals.TidewaterTestDriver;
import io.tidewater.topology.testing.Inputs;
import io.tidewater.topology.testing.MemorySink;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Duplicates and reorgs (docs/architecture.md, Reorg rules), asserted on entity values in the store and in the sink. */
class Erc20ReorgTest {
    @TempDir
    Path stateDir;
    MemorySink sink = MemorySink.automatic();
    TidewaterTestDriver driver;

    private TidewaterTestDriver driver(Map<String, ?> config) {
        driver = new TidewaterTestDriver(new Erc20Indexer(), sink, stateDir, config);
        return driver;
    }

    @AfterEach
    void stop() {
        if (driver != null) {
            driver.close();
        }
    }

    /** Blocks 1..n on chain 1: a mint to Alice in block 1, then Alice sends 10 to Bob per block. */
    private static List<String> history(long chain, int blocks) {
        List<String> lines = new ArrayList<>();
        lines.add(transfer(chain, 1, 0, ZERO, ALICE, 1000));
        for (int b = 2; b <= blocks; b++) {
            lines.add(transfer(chain, b, 0, ALICE, BOB, 10));
        }
        return lines;
    }

    @Test
    void redeliveryOfTheLastThreeBlocksChangesNothing() {
        driver(Map.of());
        List<String> lines = history(1, 10);
        lines.add(Inputs.block(1, 10, 0, 0));
        driver.pipeAll(lines);
        Map<String, Object> before = snapshot(driver);
        int undo = driver.undoEntries(1);

        driver.pipeAll(lines.subList(lines.size() - 4, lines.size()));

        assertThat(snapshot(driver)).isEqualTo(before);
        assertThat(driver.undoEntries(1)).isEqualTo(undo);
        assertThat(driver.chain(1).orElseThrow().getHead()).isEqualTo(10);
    }

    @Test
    void anExplicitReorgRestoresChangedValuesRemovesNewEntitiesThenAppliesTheNewBlocks() {
        driver(Map.of());
        driver.pipeAll(history(1, 5));
        driver.pipe(transfer(1, 6, 0, ALICE, CAROL, 100));
        assertThat(balance(driver, 1, CAROL)).isEqualTo(BigInteger.valueOf(100));

        driver.pipe(Inputs.reorg(1, 4));

        assertThat(balance(driver, 1, ALICE)).isEqualTo(BigInteger.valueOf(970));
        assertThat(balance(driver, 1, BOB)).isEqualTo(BigInteger.valueOf(30));
        assertThat(balance(driver, 1, CAROL)).isNull();
        assertThat(driver.entity(Transfer.class, "1-5-0")).isEmpty();
        assertThat(driver.entity(Transfer.class, "1-6-0")).isEmpty();
        assertThat(token(driver, 1).getHolders()).isEqualTo(2);
        assertThat(token(driver, 1).getTotalTransfers()).isEqualTo(4);
        assertThat(driver.chain(1).orElseThrow().getHead()).isEqualTo(4);

        driver.pipe(transferOnFork(1, 5, 1, 0, ALICE, CAROL, 7));
        assertThat(balance(driver, 1, CAROL)).isEqualTo(BigInteger.valueOf(7));
        assertThat(balance(driver, 1, ALICE)).isEqualTo(BigInteger.valueOf(963));
        assertThat(token(driver, 1).getHolders()).isEqualTo(3);

        driver.tick();
        assertThat(Rows.table(sink.table("Balance"))).isEqualTo(Rows.table(driver.entities(Balance.class)));
        assertThat(sink.table("Transfer")).doesNotContainKey("1-6-0");
    }

    @Test
    void aBlockResentWithANewHashRollsBackToTheBlockBefore() {
        driver(Map.of());
        driver.pipeAll(history(1, 6));

        driver.pipe(Inputs.block(1, 5, 1, 0));

        assertThat(driver.entity(Transfer.class, "1-5-0")).isEmpty();
        assertThat(driver.entity(Transfer.class, "1-6-0")).isEmpty();
        assertThat(balance(driver, 1, BOB)).isEqualTo(BigInteger.valueOf(30));
        assertThat(driver.chain(1).orElseThrow().getHead()).isEqualTo(5);
        assertThat(driver.chain(1).orElseThrow().getHeadHash()).isEqualTo(Inputs.hash(1, 5, 1));
    }

    @Test
    void aBlockWhoseParentIsNotOurHeadUndoesTheHead() {
        driver(Map.of());
        driver.pipeAll(history(1, 6));

        // Block 7's parent is a sibling of our block 6 that we never saw.
        driver.pipe(Inputs.block(1, 7, 0, 1));

        assertThat(driver.entity(Transfer.class, "1-6-0")).isEmpty();
        assertThat(balance(driver, 1, BOB)).isEqualTo(BigInteger.valueOf(40));
        assertThat(driver.chain(1).orElseThrow().getHead()).isEqualTo(7);
    }

    @Test
    void setDeleteSetThenAReorgToTheMiddleBlockLeavesTheEntityDeleted() {
        driver(Map.of());
        driver.pipe(transfer(1, 1, 0, ZERO, ALICE, 100));   // set
        driver.pipe(transfer(1, 2, 0, ALICE, BOB, 100));    // delete Alice
        driver.pipe(transfer(1, 3, 0, BOB, ALICE, 40));     // set again
        driver.tick();
        assertThat(sink.table("Balance")).containsKey(balanceId(1, ALICE));

        driver.pipe(Inputs.reorg(1, 2));
        driver.tick();

        assertThat(balance(driver, 1, ALICE)).isNull();
        assertThat(balance(driver, 1, BOB)).isEqualTo(BigInteger.valueOf(100));
        assertThat(sink.table("Balance")).doesNotContainKey(balanceId(1, ALICE));
        assertThat(token(driver, 1).getHolders()).isEqualTo(1);
    }

    @Test
    void aSecondDeeperReorgRollsBackFurther() {
        driver(Map.of());
        driver.pipeAll(history(1, 8));
        driver.pipe(Inputs.reorg(1, 6));
        driver.pipe(transferOnFork(1, 7, 1, 0, ALICE, CAROL, 1));
        driver.pipe(Inputs.reorg(1, 3));

        assertThat(balance(driver, 1, BOB)).isEqualTo(BigInteger.valueOf(20));
        assertThat(balance(driver, 1, CAROL)).isNull();
        assertThat(driver.entity(Transfer.class, "1-4-0")).isEmpty();
        assertThat(token(driver, 1).getTotalTransfers()).isEqualTo(3);
        driver.tick();
        assertThat(Rows.table(sink.table("Transfer"))).isEqualTo(Rows.table(driver.entities(Transfer.class)));
    }

    @Test
    void aReorgBeforeTheFirstEventOfAChainLeavesItEmpty() {
        driver(Map.of());
        driver.pipe(Inputs.reorg(10, 5));
        driver.pipe(transfer(1, 1, 0, ZERO, ALICE, 5));
        driver.tick();

        assertThat(driver.entity(Token.class, tokenId(10))).isEmpty();
        assertThat(driver.chain(10).map(c -> c.getHead()).orElse(-1L)).isEqualTo(-1L);
        assertThat(sink.table("Token")).containsOnlyKeys(tokenId(1));
        assertThat(sink.chains()).containsOnlyKeys(1L);
    }

    @Test
    void aReorgOnOneChainLeavesTheOtherChainUntouched() {
        driver(Map.of());
        List<String> one = history(1, 6);
        List<String> ten = history(10, 6);
        for (int i = 0; i < one.size(); i++) {
            driver.pipe(one.get(i));
            driver.pipe(ten.get(i));
        }
        Map<String, Object> before = snapshot(driver);

        driver.pipe(Inputs.reorg(1, 2));

        Map<String, Object> after = snapshot(driver);
        before.keySet().stream().filter(k -> k.contains("/10-")).forEach(k -> assertThat(after.get(k)).isEqualTo(before.get(k)));
        assertThat(balance(driver, 1, BOB)).isEqualTo(BigInteger.valueOf(10));
        assertThat(balance(driver, 10, BOB)).isEqualTo(BigInteger.valueOf(50));
        assertThat(driver.chain(10).orElseThrow().getHead()).isEqualTo(6);
    }

    @Test
    void aReorgDeeperThanTheThresholdHaltsAndChangesNothing() {
        driver(Map.of("reorg.threshold", 3));
        driver.pipeAll(history(1, 8));
        Map<String, Object> before = snapshot(driver);

        assertThatThrownBy(() -> driver.pipe(Inputs.reorg(1, 4)))
                .hasRootCauseInstanceOf(DeepReorgException.class)
                .rootCause().hasMessageContaining("chain 1").hasMessageContaining("depth 4").hasMessageContaining("threshold 3");

        assertThat(snapshot(driver)).isEqualTo(before);
        // Everything before the deep reorg reached the sink first.
        assertThat(Rows.table(sink.table("Balance"))).isEqualTo(Rows.table(driver.entities(Balance.class)));
        assertThat(sink.offset()).isEqualTo(7);
    }

    @Test
    void prunedHistoryStillRollsBackAtExactlyTheThresholdDepth() {
        driver(Map.of("reorg.threshold", 3));
        driver.pipeAll(history(1, 10));
        driver.tick();
        assertThat(driver.chain(1).orElseThrow().getPrunedThrough()).isEqualTo(6);
        assertThat(driver.undoEntries(1)).as("unwritten entries are kept whatever their age").isEqualTo(10);
        driver.tick();
        assertThat(driver.undoEntries(1)).as("once written: one undo entry per record, blocks 7 to 10 kept").isEqualTo(4);

        driver.pipe(Inputs.reorg(1, 7));

        assertThat(balance(driver, 1, BOB)).isEqualTo(BigInteger.valueOf(60));
        assertThat(driver.entity(Transfer.class, "1-8-0")).isEmpty();
        assertThat(driver.entity(Transfer.class, "1-7-0")).isPresent();
        assertThat(driver.chain(1).orElseThrow().getHead()).isEqualTo(7);
    }
}
