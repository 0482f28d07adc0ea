package io.tidewater.examples.erc20;

import static io.tidewater.examples.erc20.Erc20Fixture.ALICE;
import static io.tidewater.examples.erc20.Erc20Fixture.BOB;
import static io.tidewater.examples.erc20.Erc20Fixture.ZERO;
import static io.tidewater.examples.erc20.Erc20Fixture.balance;
import static io.tidewater.examples.erc20.Erc20Fixture.balanceId;
import static io.tidewater.examples.erc20.Erc20Fixture.snapshot;
import static io.tidewater.examples.erc20.Erc20Fixture.tokenId;
import static io.tidewater.examples.erc20.Erc20Fixture.transfer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidewater.topology.api.Indexer;
import io.tidewater.topology.internals.TidewaterTestDriver;
import io.tidewater.topology.testing.Inputs;
import io.tidewater.topology.testing.MemorySink;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad input and failing handlers go to the dead-letter topic with their reason; processing continues. */
class DeadLetterTest {
    /** A handler that writes and then throws, to show a failing handler leaves no trace. */
    static final Indexer WITH_FAULTY_HANDLER = new Erc20With("Boom", ctx -> {
        ctx.set(Balance.newBuilder().setId(balanceId(1, ALICE)).setToken(tokenId(1)).setHolder(ALICE)
                .setAmount(BigDecimal.valueOf(999_999)).build());
        throw new IllegalStateException("boom at block " + ctx.block().number());
    });

    @TempDir
    Path stateDir;
    TidewaterTestDriver driver;

    @BeforeEach
    void start() {
        driver = new TidewaterTestDriver(WITH_FAULTY_HANDLER, MemorySink.automatic(), stateDir);
        driver.pipe(transfer(1, 1, 0, ZERO, ALICE, 100));
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    static final String GOOD = transfer(1, 2, 0, ALICE, BOB, 10);

    static List<Object[]> malformed() {
        String hash = Inputs.hash(1, 2, 0);
        return List.of(
                new Object[] {"bad json", "{\"kind\":\"log\",", "$", "not valid JSON"},
                new Object[] {"unknown kind", "{\"kind\":\"withdrawal\",\"chainId\":1}", "kind", "unknown kind"},
                new Object[] {"missing field", GOOD.replace(",\"logIndex\":0", ""), "logIndex", "is required"},
                new Object[] {"wrong type", GOOD.replace("\"blockNumber\":2", "\"blockNumber\":\"two\""), "blockNumber", "expected an integer"},
                new Object[] {"negative block", GOOD.replace("\"blockNumber\":2", "\"blockNumber\":-2"), "blockNumber", "non-negative"},
                new Object[] {"malformed hex", GOOD.replace(hash, "0xnothex"), "blockHash", "hex hash"},
                new Object[] {"oversized value", GOOD.replace("\"value\":\"10\"", "\"value\":\"" + "7".repeat(5000) + "\""), "params.value", "longer than"},
                new Object[] {"non-numeric big integer", GOOD.replace("\"value\":\"10\"", "\"value\":\"ten\""), "params.value", "decimal integer"},
                new Object[] {"bad address param", GOOD.replace("\"to\":\"" + BOB + "\"", "\"to\":\"bob\""), "params.to", "address"},
                new Object[] {"missing param", GOOD.replace(",\"value\":\"10\"", ""), "params.value", "is required"});
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void aMalformedRecordIsDeadLetteredWithItsReasonAndProcessingContinues(String name, String line, String field, String problem) {
        Map<String, Object> before = snapshot(driver);

        driver.pipe("1", line);

        List<JsonNode> dead = driver.deadLetters();
        assertThat(dead).hasSize(1);
        JsonNode d = dead.get(0);
        assertThat(d.get("category").asText()).isEqualTo("malformed");
        assertThat(d.get("field").asText()).isEqualTo(field);
        assertThat(d.get("reason").asText()).contains(problem).contains(field);
        assertThat(d.get("offset").asLong()).isEqualTo(1);
        assertThat(d.get("topic").asText()).isEqualTo("tidewater.input");
        assertThat(d.get("payload").asText()).isEqualTo(line);
        assertThat(snapshot(driver)).isEqualTo(before);

        driver.pipe(transfer(1, 2, 1, ALICE, BOB, 10));
        assertThat(balance(driver, 1, BOB)).isEqualTo(BigInteger.TEN);
    }

    @Test
    void aKeyThatDisagreesWithTheChainIdIsDeadLettered() {
        driver.pipe("10", GOOD);

        JsonNode d = driver.deadLetters().get(0);
        assertThat(d.get("category").asText()).isEqualTo("key-mismatch");
        assertThat(d.get("reason").asText()).contains("'10'").contains("chainId 1");
        assertThat(balance(driver, 1, BOB)).isNull();
    }

    @Test
    void aThrowingHandlerIsDeadLetteredAndNoneOfItsWritesApply() {
        String boom = GOOD.replace("\"event\":\"Transfer\"", "\"event\":\"Boom\"");

        driver.pipe(boom);

        JsonNode d = driver.deadLetters().get(0);
        assertThat(d.get("category").asText()).isEqualTo("handler-failed");
        assertThat(d.get("reason").asText()).isEqualTo("handler for Boom failed: boom at block 2");
        assertThat(d.get("exception").asText()).isEqualTo(IllegalStateException.class.getName());
        assertThat(d.get("chainId").asLong()).isEqualTo(1);
        assertThat(d.get("blockNumber").asLong()).isEqualTo(2);
        assertThat(d.get("logIndex").asLong()).isEqualTo(0);
        assertThat(balance(driver, 1, ALICE)).isEqualTo(BigInteger.valueOf(100));
        // The failed log's position still counts: a redelivery is a duplicate, not a second failure.
        driver.pipe(boom);
        assertThat(driver.deadLetters()).isEmpty();
    }

    @Test
    void logsOfEventsNoHandlerHandlesAreSkippedNotDeadLettered() {
        Map<String, Object> before = snapshot(driver);

        driver.pipe(GOOD.replace("\"event\":\"Transfer\"", "\"event\":\"Approval\""));

        assertThat(driver.deadLetters()).isEmpty();
        assertThat(snapshot(driver)).isEqualTo(before);
        assertThat(driver.chain(1).orElseThrow().getHead()).isEqualTo(2);
    }
}
