package io.tidewater.examples.erc20;

import static io.tidewater.topology.testing.Inputs.address;

import io.tidewater.topology.internals.TidewaterTestDriver;
import io.tidewater.topology.testing.Inputs;
import java.math.BigInteger;
import java.util.Map;
import java.util.TreeMap;

/** Names and reads shared by the ERC20 scenario tests. */
final class Erc20Fixture {
    static final String TOKEN = address("token-a");
    static final String ALICE = address("alice");
    static final String BOB = address("bob");
    static final String CAROL = address("carol");
    static final String ZERO = Inputs.ZERO;

    private Erc20Fixture() {
    }

    static String tokenId(long chain) {
        return chain + "-" + TOKEN;
    }

    static String balanceId(long chain, String holder) {
        return tokenId(chain) + "-" + holder;
    }

    static String transfer(long chain, long block, long logIndex, String from, String to, long value) {
        return Inputs.transfer(chain, block, 0, logIndex, TOKEN, from, to, Long.toString(value));
    }

    static String transferOnFork(long chain, long block, int fork, long logIndex, String from, String to, long value) {
        return Inputs.transfer(chain, block, fork, logIndex, TOKEN, from, to, Long.toString(value));
    }

    /** A holder's balance, or null when there is no Balance row. */
    static BigInteger balance(TidewaterTestDriver driver, long chain, String holder) {
        return driver.entity(Balance.class, balanceId(chain, holder))
                .map(b -> b.getAmount().toBigIntegerExact()).orElse(null);
    }

    static Token token(TidewaterTestDriver driver, long chain) {
        return driver.entity(Token.class, tokenId(chain)).orElseThrow();
    }

    /** Every entity of the indexer, for before/after comparisons. */
    static Map<String, Object> snapshot(TidewaterTestDriver driver) {
        Map<String, Object> all = new TreeMap<>();
        driver.entities(Token.class).forEach((id, e) -> all.put("Token/" + id, Rows.of(e)));
        driver.entities(Balance.class).forEach((id, e) -> all.put("Balance/" + id, Rows.of(e)));
        driver.entities(Transfer.class).forEach((id, e) -> all.put("Transfer/" + id, Rows.of(e)));
        return all;
    }
}
