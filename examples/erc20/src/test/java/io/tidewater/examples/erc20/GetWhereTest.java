package io.tidewater.examples.erc20;

import static io.tidewater.examples.erc20.Erc20Fixture.ALICE;
import static io.tidewater.examples.erc20.Erc20Fixture.BOB;
import static io.tidewater.examples.erc20.Erc20Fixture.CAROL;
import static io.tidewater.examples.erc20.Erc20Fixture.ZERO;
import static io.tidewater.examples.erc20.Erc20Fixture.balanceId;
import static io.tidewater.examples.erc20.Erc20Fixture.tokenId;
import static io.tidewater.examples.erc20.Erc20Fixture.transfer;
import static org.assertj.core.api.Assertions.assertThat;

import io.tidewater.topology.api.Indexer;
import io.tidewater.topology.internals.TidewaterTestDriver;
import io.tidewater.topology.testing.Inputs;
import io.tidewater.topology.testing.MemorySink;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The secondary index behind getWhere: read-your-writes inside a handler, and consistency through rollbacks. */
class GetWhereTest {
    /**
     * "Audit" deletes Bob's balance, creates Carol's, then records the holders that getWhere
     * sees, as the Token's address, so the test can read them back.
     */
    static final Indexer AUDITING = new Erc20With("Audit", ctx -> {
        String token = tokenId(ctx.chainId());
        ctx.delete(Balance.class, balanceId(ctx.chainId(), BOB));
        ctx.set(Balance.newBuilder().setId(balanceId(ctx.chainId(), CAROL)).setToken(token).setHolder(CAROL)
                .setAmount(BigDecimal.ONE).build());
        String seen = ctx.getWhere(Balance.class, "token", token).stream()
                .map(Balance::getHolder).collect(Collectors.joining(","));
        Token t = ctx.get(Token.class, token).orElseThrow();
        t.setAddress(seen);
        ctx.set(t);
    });

    @TempDir
    Path stateDir;
    TidewaterTestDriver driver;

    @BeforeEach
    void start() {
        driver = new TidewaterTestDriver(AUDITING, MemorySink.automatic(), stateDir);
        driver.pipe(transfer(1, 1, 0, ZERO, ALICE, 100));
        driver.pipe(transfer(1, 1, 1, ALICE, BOB, 10));
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void getWhereSeesTheHandlersOwnWritesAndDeletes() {
        assertThat(driver.indexed(Balance.class, "token", tokenId(1)))
                .containsExactlyInAnyOrder(balanceId(1, ALICE), balanceId(1, BOB));

        driver.pipe(transfer(1, 2, 0, ALICE, BOB, 1).replace("\"event\":\"Transfer\"", "\"event\":\"Audit\""));

        String expected = List.of(ALICE, CAROL).stream().sorted((a, b) -> balanceId(1, a).compareTo(balanceId(1, b)))
                .collect(Collectors.joining(","));
        assertThat(driver.entity(Token.class, tokenId(1)).orElseThrow().getAddress()).isEqualTo(expected);
        assertThat(driver.indexed(Balance.class, "token", tokenId(1)))
                .containsExactlyInAnyOrder(balanceId(1, ALICE), balanceId(1, CAROL));
    }

    @Test
    void aRollbackRestoresTheIndexWithTheEntities() {
        driver.pipe(transfer(1, 2, 0, ALICE, BOB, 1).replace("\"event\":\"Transfer\"", "\"event\":\"Audit\""));
        driver.pipe(Inputs.reorg(1, 1));

        assertThat(driver.indexed(Balance.class, "token", tokenId(1)))
                .containsExactlyInAnyOrder(balanceId(1, ALICE), balanceId(1, BOB));
        assertThat(driver.entities(Balance.class).keySet())
                .containsExactlyInAnyOrder(balanceId(1, ALICE), balanceId(1, BOB));
    }
}
