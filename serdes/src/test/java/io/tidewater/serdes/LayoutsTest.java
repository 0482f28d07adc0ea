package io.tidewater.serdes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidewater.serdes.wire.BlockHeader;
import io.tidewater.serdes.wire.InputRecord;
import io.tidewater.serdes.wire.LogEvent;
import io.tidewater.serdes.wire.ReorgNotice;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The producers' layouts map onto the same records as Tidewater's own forms. */
class LayoutsTest {
    static final String BLOCK_HASH = "0x2f1c1ba3ec5b35b3b9a2a1ec0e12e3b6e4a4c6dd5a8e1f07c0e1b6b1f1d7e3a2";
    static final String PARENT_HASH = "0x7a1f2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0";
    static final String TX_HASH = "0x5c504ed432cb51138bcf09aa5e8a410dd4a1e204ef84bfed1be16dfba1b22060";
    static final String USDC = "0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48";
    static final String TOPIC0 = "0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef";
    static final String FROM = "0x000000000000000000000000" + "28c6c06298d514db089934071355e5743bf21d60";
    static final String TO = "0x000000000000000000000000" + "3cd751e6b0078be393132286c442345e5dc49699";
    static final String DATA = "0x00000000000000000000000000000000000000000000000000000002540be400";

    static final String RPC_LOG = "{\"address\":\"" + USDC + "\",\"topics\":[\"" + TOPIC0 + "\",\"" + FROM + "\",\"" + TO
            + "\"],\"data\":\"" + DATA + "\",\"blockNumber\":\"0x12a05f2\",\"blockHash\":\"" + BLOCK_HASH
            + "\",\"blockTimestamp\":\"0x6553f100\",\"transactionHash\":\"" + TX_HASH
            + "\",\"transactionIndex\":\"0x5\",\"logIndex\":\"0x1f\",\"removed\":false}";
    static final String RPC_BLOCK = "{\"number\":\"0x12a05f2\",\"hash\":\"" + BLOCK_HASH + "\",\"parentHash\":\"" + PARENT_HASH
            + "\",\"timestamp\":\"0x6553f100\",\"miner\":\"0x95222290dd7278aa3ddd389cc1e1d165cc4bafe5\",\"transactions\":[]}";

    private static InputRecord decode(InputFormat format, Long chainId, String json) {
        return new InputCodec(format, chainId).decode(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void rpcLogsAndBlocksBecomeRawLogsAndHeaders() {
        LogEvent log = (LogEvent) decode(InputFormat.RPC, 1L, RPC_LOG).getBody();
        assertThat(log.getChainId()).isEqualTo(1);
        assertThat(log.getBlockNumber()).isEqualTo(19_531_250L);
        assertThat(log.getLogIndex()).isEqualTo(31);
        assertThat(log.getBlockTimestamp()).isEqualTo(1_700_000_000L);
        assertThat(log.getTxHash()).isEqualTo(TX_HASH);
        assertThat(log.getAddress()).isEqualTo(USDC);
        assertThat(log.getTopics()).containsExactly(TOPIC0, FROM, TO);
        assertThat(log.getData()).isEqualTo(DATA);

        BlockHeader block = (BlockHeader) decode(InputFormat.RPC, 1L, RPC_BLOCK).getBody();
        assertThat(block.getNumber()).isEqualTo(19_531_250L);
        assertThat(block.getHash()).isEqualTo(BLOCK_HASH);
        assertThat(block.getParentHash()).isEqualTo(PARENT_HASH);
        assertThat(block.getTimestamp()).isEqualTo(1_700_000_000L);
    }

    @Test
    void aRemovedRpcLogIsAReorgToTheBlockBelowNotData() {
        ReorgNotice reorg = (ReorgNotice) decode(InputFormat.RPC, 1L, RPC_LOG.replace("\"removed\":false", "\"removed\":true")).getBody();
        assertThat(reorg.getChainId()).isEqualTo(1);
        assertThat(reorg.getLastValidBlock()).isEqualTo(19_531_249L);
    }

    @Test
    void anRpcLogWithoutTimestampSaysSoWithMinusOne() {
        LogEvent log = (LogEvent) decode(InputFormat.RPC, 1L, RPC_LOG.replace(",\"blockTimestamp\":\"0x6553f100\"", "")).getBody();
        assertThat(log.getBlockTimestamp()).isEqualTo(WireLimits.UNKNOWN_TIMESTAMP);
    }

    @Test
    void theChainIdComesFromTheRecordOrTheConfig() {
        String withChain = RPC_LOG.replace("{\"address\"", "{\"chainId\":\"0x89\",\"address\"");
        assertThat(((LogEvent) decode(InputFormat.RPC, null, withChain).getBody()).getChainId()).isEqualTo(137);
        assertThatThrownBy(() -> decode(InputFormat.RPC, null, RPC_LOG))
                .isInstanceOf(MalformedRecordException.class).hasMessageContaining("set input.chain.id");
        assertThatThrownBy(() -> decode(InputFormat.RPC, 1L, withChain))
                .isInstanceOf(MalformedRecordException.class).hasMessageContaining("differs from input.chain.id 1");
    }

    @Test
    void rpcQuantitiesMustBeHex() {
        assertThatThrownBy(() -> decode(InputFormat.RPC, 1L, RPC_LOG.replace("\"0x1f\"", "\"31\"")))
                .isInstanceOf(MalformedRecordException.class).hasMessageContaining("field 'logIndex'");
        assertThatThrownBy(() -> decode(InputFormat.RPC, 1L, "{\"hash\":\"" + BLOCK_HASH + "\"}"))
                .isInstanceOf(MalformedRecordException.class).hasMessageContaining("neither");
    }

    @Test
    void ethereumEtlItemsBecomeRawLogsAndHeaders() {
        String log = "{\"type\":\"log\",\"log_index\":31,\"transaction_hash\":\"" + TX_HASH + "\",\"transaction_index\":5,"
                + "\"address\":\"" + USDC + "\",\"data\":\"" + DATA + "\",\"topics\":[\"" + TOPIC0 + "\",\"" + FROM + "\",\"" + TO
                + "\"],\"block_number\":19531250,\"block_timestamp\":1700000000,\"block_hash\":\"" + BLOCK_HASH
                + "\",\"item_id\":\"log_" + TX_HASH + "_31\",\"item_timestamp\":\"2023-11-14T22:13:20Z\"}";
        LogEvent fromEtl = (LogEvent) decode(InputFormat.ETHEREUM_ETL, 1L, log).getBody();
        LogEvent fromRpc = (LogEvent) decode(InputFormat.RPC, 1L, RPC_LOG).getBody();
        assertThat(fromEtl).isEqualTo(fromRpc);

        String block = "{\"type\":\"block\",\"number\":19531250,\"hash\":\"" + BLOCK_HASH + "\",\"parent_hash\":\"" + PARENT_HASH
                + "\",\"timestamp\":1700000000,\"transaction_count\":0}";
        assertThat(decode(InputFormat.ETHEREUM_ETL, 1L, block)).isEqualTo(decode(InputFormat.RPC, 1L, RPC_BLOCK));

        assertThatThrownBy(() -> decode(InputFormat.ETHEREUM_ETL, 1L, "{\"type\":\"transaction\",\"hash\":\"" + TX_HASH + "\"}"))
                .isInstanceOf(MalformedRecordException.class).hasMessageContaining("unknown item type");
    }

    @Test
    void layoutsAreReadNotWritten() {
        InputRecord record = decode(InputFormat.RPC, 1L, RPC_LOG);
        assertThatThrownBy(() -> new InputCodec(InputFormat.RPC, 1L).encode(record))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThat(InputFormat.parse("Ethereum-ETL")).isEqualTo(InputFormat.ETHEREUM_ETL);
        assertThatThrownBy(() -> InputFormat.parse("csv")).hasMessageContaining("avro, json, rpc, ethereum-etl");
    }
}
