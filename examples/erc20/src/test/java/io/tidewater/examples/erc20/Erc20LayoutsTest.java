package io.tidewater.examples.erc20;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidewater.testkit.IndexerTestKit;
import io.tidewater.topology.api.RawLog;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a producer forwarding a node's own objects (the rpc layout) gives the ERC20 tables. */
class Erc20LayoutsTest {
    static final String TOKEN = "0x6b175474e89094c44da98b954eedeac495271d0f";
    static final String ALICE = "0xa7d0b6a1edf7e6aaf7a8d4bd19160c9dc371ca41";
    static final String BOB = "0x5f65f7b609678448494de4c87521cdf6cef1e932";
    static final String GENESIS = "0x" + "00".repeat(32);

    static String hash(int n) {
        return "0x" + String.format("%02x", n).repeat(32);
    }

    static String block(int number, int hash, int parent, long timestamp) {
        return "{\"number\":\"0x" + Integer.toHexString(number) + "\",\"hash\":\"" + hash(hash) + "\",\"parentHash\":\""
                + (parent == 0 ? GENESIS : hash(parent)) + "\",\"timestamp\":\"0x" + Long.toHexString(timestamp) + "\"}";
    }

    static String log(int number, int hash, int index, String from, String to, long value, boolean removed) {
        RawLog raw = Erc20Indexer.TRANSFER.encode(from, to, value);
        return "{\"address\":\"" + TOKEN + "\",\"topics\":[\"" + String.join("\",\"", raw.topics()) + "\"],\"data\":\"" + raw.data()
                + "\",\"blockNumber\":\"0x" + Integer.toHexString(number) + "\",\"blockHash\":\"" + hash(hash)
                + "\",\"transactionHash\":\"" + hash(0x70 + index) + "\",\"transactionIndex\":\"0x0\",\"logIndex\":\"0x"
                + Integer.toHexString(index) + "\",\"removed\":" + removed + "}";
    }

    @Test
    void nodeObjectsWithoutTimestampsTakeTheBlocksAndRemovedLogsRollBack() {
        try (IndexerTestKit kit = IndexerTestKit.of(new Erc20Indexer(), Map.of("input.format", "rpc", "input.chain.id", 1))) {
            kit.pipe(block(1, 0x11, 0, 1_700_000_012L));
            kit.pipe(log(1, 0x11, 0, "0x0000000000000000000000000000000000000000", ALICE, 100, false));
            kit.pipe(block(2, 0x12, 0x11, 1_700_000_024L));
            kit.pipe(log(2, 0x12, 0, ALICE, BOB, 30, false));
            kit.flush();
            assertThat(kit.written(Transfer.class).get("1-1-0").getBlockTimestamp()).isEqualTo(1_700_000_012L);
            assertThat(kit.written(Balance.class).get("1-" + TOKEN + "-" + BOB).getAmount()).isEqualByComparingTo("30");

            // The node drops block 2: its log comes back marked removed, then the new block 2.
            kit.pipe(log(2, 0x12, 0, ALICE, BOB, 30, true));
            kit.pipe(block(2, 0x22, 0x11, 1_700_000_025L));
            kit.pipe(log(2, 0x22, 0, ALICE, BOB, 1, false));
            kit.flush();
            assertThat(kit.stats().rollbacks()).isEqualTo(1);
            assertThat(kit.deadLetters()).isEmpty();
            assertThat(kit.written(Balance.class).get("1-" + TOKEN + "-" + ALICE).getAmount()).isEqualByComparingTo("99");
            assertThat(kit.written(Transfer.class).get("1-2-0").getBlockTimestamp()).isEqualTo(1_700_000_025L);
            assertThat(kit.written(Token.class).get("1-" + TOKEN).getTotalTransfers()).isEqualTo(2);
        }
    }
}
