package io.tidewater.serdes;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ChainKeysTest {
    static final String HASH = "0x" + "ab".repeat(32);

    @Test
    void everyKindIsKeyedByItsChainIdInDecimal() {
        assertThat(ChainKeys.key(JsonLines.parse(JsonLinesTest.LOG.replace("\"chainId\":1", "\"chainId\":137")))).isEqualTo("137");
        assertThat(ChainKeys.key(JsonLines.parse("{\"kind\":\"block\",\"chainId\":10,\"number\":5,\"hash\":\"" + HASH
                + "\",\"parentHash\":\"" + HASH + "\",\"timestamp\":1700000012}"))).isEqualTo("10");
        assertThat(ChainKeys.chainId(JsonLines.parse("{\"kind\":\"reorg\",\"chainId\":42161,\"lastValidBlock\":97}")))
                .isEqualTo(42161);
        assertThat(ChainKeys.key(9_007_199_254_740_993L)).isEqualTo("9007199254740993");
    }
}
