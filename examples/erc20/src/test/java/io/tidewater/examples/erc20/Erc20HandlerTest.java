package io.tidewater.examples.erc20;

import static io.tidewater.examples.erc20.Erc20Fixture.ALICE;
import static io.tidewater.examples.erc20.Erc20Fixture.BOB;
import static io.tidewater.examples.erc20.Erc20Fixture.ZERO;
import static io.tidewater.examples.erc20.Erc20Fixture.balance;
import static io.tidewater.examples.erc20.Erc20Fixture.token;
import static io.tidewater.examples.erc20.Erc20Fixture.tokenId;
import static io.tidewater.examples.erc20.Erc20Fixture.transfer;
import static org.assertj.core.api.Assertions.assertThat;

import io.tidewater.topology.internals.TidewaterTestDriver;
import io.tidewater.topology.testing.MemorySink;
import java.math.BigInteger;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ERC20 rules (docs/architecture.md, The reference indexer: ERC20), one at a time. */
class Erc20HandlerTest {
    @TempDir
    Path stateDir;
    TidewaterTestDriver driver;

    @BeforeEach
    void start() {
        driver = new TidewaterTestDriver(new Erc20Indexer(), MemorySink.automatic(), stateDir);
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void aTransferUpdatesBothBalancesTheTokenAndRecordsTheTransfer() {
        driver.pipe(transfer(1, 1, 0, ZERO, ALICE, 1000));
        driver.pipe(transfer(1, 2, 0, ALICE, BOB, 300));

        assertThat(balance(driver, 1, ALICE)).isEqualTo(BigInteger.valueOf(700));
        assertThat(balance(driver, 1, BOB)).isEqualTo(BigInteger.valueOf(300));
        Token token = token(driver, 1);
        assertThat(token.getTotalTransfers()).isEqualTo(2);
        assertThat(token.getVolume().toBigIntegerExact()).isEqualTo(BigInteger.valueOf(1300));
        assertThat(token.getHolders()).isEqualTo(2);
        assertThat(token.getChainId()).isEqualTo(1);
        Transfer t = driver.entity(Transfer.class, "1-2-0").orElseThrow();
        assertThat(t.getFrom()).isEqualTo(ALICE);
        assertThat(t.getTo()).isEqualTo(BOB);
        assertThat(t.getValue().toBigIntegerExact()).isEqualTo(BigInteger.valueOf(300));
        assertThat(t.getToken()).isEqualTo(tokenId(1));
        assertThat(t.getBlockNumber()).isEqualTo(2);
        assertThat(t.getBlockTimestamp()).isEqualTo(1_700_000_024L);
    }

    @Test
    void mintsAndBurnsSkipTheZeroAddress() {
        driver.pipe(transfer(1, 1, 0, ZERO, ALICE, 1000));
        driver.pipe(transfer(1, 1, 1, ALICE, ZERO, 400));

        assertThat(balance(driver, 1, ZERO)).isNull();
        assertThat(balance(driver, 1, ALICE)).isEqualTo(BigInteger.valueOf(600));
        assertThat(token(driver, 1).getHolders()).isEqualTo(1);
        assertThat(token(driver, 1).getVolume().toBigIntegerExact()).isEqualTo(BigInteger.valueOf(1400));
    }

    @Test
    void aSelfTransferOfTheWholeBalanceKeepsBalanceAndHolders() {
        driver.pipe(transfer(1, 1, 0, ZERO, ALICE, 1000));
        driver.pipe(transfer(1, 1, 1, ZERO, BOB, 5));
        driver.pipe(transfer(1, 2, 0, ALICE, ALICE, 1000));

        assertThat(balance(driver, 1, ALICE)).isEqualTo(BigInteger.valueOf(1000));
        assertThat(token(driver, 1).getHolders()).isEqualTo(2);
        assertThat(token(driver, 1).getTotalTransfers()).isEqualTo(3);
    }

    @Test
    void aBalanceDrivenToZeroIsDeletedThenRecreatedInTheSameBlock() {
        driver.pipe(transfer(1, 1, 0, ZERO, ALICE, 1000));
        driver.pipe(transfer(1, 2, 0, ALICE, BOB, 1000));

        assertThat(balance(driver, 1, ALICE)).isNull();
        assertThat(token(driver, 1).getHolders()).isEqualTo(1);

        driver.pipe(transfer(1, 2, 1, BOB, ALICE, 250));
        assertThat(balance(driver, 1, ALICE)).isEqualTo(BigInteger.valueOf(250));
        assertThat(balance(driver, 1, BOB)).isEqualTo(BigInteger.valueOf(750));
        assertThat(token(driver, 1).getHolders()).isEqualTo(2);
    }
}
