package io.tidewater.serdes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidewater.serdes.wire.BlockHeader;
import io.tidewater.serdes.wire.InputRecord;
import io.tidewater.serdes.wire.LogEvent;
import io.tidewater.serdes.wire.ReorgNotice;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonLinesTest {
    static final String HASH = "0x" + "ab".repeat(32);
    static final String ADDR = "0x" + "cd".repeat(20);
    static final String LOG = "{\"kind\":\"log\",\"chainId\":1,\"blockNumber\":100,\"blockHash\":\"" + HASH
            + "\",\"blockTimestamp\":1700000000,\"logIndex\":3,\"txHash\":\"" + HASH + "\",\"address\":\"" + ADDR
            + "\",\"event\":\"Transfer\",\"params\":{\"from\":\"" + ADDR + "\",\"to\":\"" + ADDR
            + "\",\"value\":\"1000\",\"flag\":true,\"n\":7,\"x\":1.5}}";

    @Test
    void parsesAllThreeKinds() {
        LogEvent log = (LogEvent) JsonLines.parse(LOG).getBody();
        assertThat(log.getChainId()).isEqualTo(1);
        assertThat(log.getBlockNumber()).isEqualTo(100);
        assertThat(log.getLogIndex()).isEqualTo(3);
        assertThat(log.getEvent()).isEqualTo("Transfer");
        Params params = new Params(log.getParams());
        assertThat(params.bigInteger("value")).isEqualTo(BigInteger.valueOf(1000));
        assertThat(params.bool("flag")).isTrue();
        assertThat(params.longValue("n")).isEqualTo(7);
        assertThat(log.getParams().get("x")).isEqualTo(1.5);

        BlockHeader block = (BlockHeader) JsonLines.parse("{\"kind\":\"block\",\"chainId\":1,\"number\":101,\"hash\":\""
                + HASH + "\",\"parentHash\":\"" + HASH + "\",\"timestamp\":1700000012}").getBody();
        assertThat(block.getNumber()).isEqualTo(101);
        ReorgNotice reorg = (ReorgNotice) JsonLines.parse("{\"kind\":\"reorg\",\"chainId\":1,\"lastValidBlock\":97}").getBody();
        assertThat(reorg.getLastValidBlock()).isEqualTo(97);
    }

    @Test
    void jsonAndAvroFormsAreInterchangeable() {
        InputRecord fromJson = JsonLines.parse(LOG);
        InputCodec avro = new InputCodec(InputFormat.AVRO);
        InputRecord viaAvro = avro.decode(avro.encode(fromJson));
        assertThat(viaAvro).isEqualTo(fromJson);
        assertThat(JsonLines.parse(JsonLines.format(viaAvro))).isEqualTo(fromJson);
        InputCodec json = new InputCodec(InputFormat.JSON);
        assertThat(json.decode(json.encode(viaAvro))).isEqualTo(fromJson);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "bad json          | {\"kind\":\"log\",                                  | $              | not valid JSON",
        "not an object     | [1,2]                                               | $              | expected a JSON object",
        "unknown kind      | {\"kind\":\"transfer\",\"chainId\":1}               | kind           | unknown kind",
        "missing kind      | {\"chainId\":1}                                     | kind           | is required",
        "missing field     | {\"kind\":\"reorg\",\"chainId\":1}                  | lastValidBlock | is required",
        "wrong type        | {\"kind\":\"reorg\",\"chainId\":\"one\",\"lastValidBlock\":3} | chainId | expected an integer",
        "negative block    | {\"kind\":\"reorg\",\"chainId\":1,\"lastValidBlock\":-3} | lastValidBlock | non-negative",
    })
    void malformedRecordsNameFieldAndValue(String name, String line, String field, String problem) {
        assertThatThrownBy(() -> JsonLines.parse(line))
                .isInstanceOf(MalformedRecordException.class)
                .hasMessageContaining(problem)
                .satisfies(e -> assertThat(((MalformedRecordException) e).field()).isEqualTo(field));
    }

    @Test
    void malformedHexAndOversizedValuesAreRejected() {
        assertThatThrownBy(() -> JsonLines.parse(LOG.replace("\"address\":\"" + ADDR, "\"address\":\"0xZZ")))
                .isInstanceOf(MalformedRecordException.class)
                .hasMessageContaining("field 'address'").hasMessageContaining("0xZZ");
        String huge = "9".repeat(WireLimits.MAX_STRING_CHARS + 1);
        assertThatThrownBy(() -> JsonLines.parse(LOG.replace("\"value\":\"1000\"", "\"value\":\"" + huge + "\"")))
                .isInstanceOf(MalformedRecordException.class)
                .hasMessageContaining("field 'params.value'");
    }

    @Test
    void nonNumericBigIntegerNamesTheParameter() {
        Params params = new Params(((LogEvent) JsonLines.parse(LOG.replace("\"1000\"", "\"12abc\"")).getBody()).getParams());
        assertThatThrownBy(() -> params.bigInteger("value"))
                .isInstanceOf(MalformedRecordException.class)
                .hasMessageContaining("field 'params.value'").hasMessageContaining("'12abc'");
        assertThatThrownBy(() -> params.string("missing"))
                .isInstanceOf(MalformedRecordException.class)
                .hasMessageContaining("field 'params.missing'").hasMessageContaining("is required");
    }

    @Test
    void garbageAvroIsMalformedNotACrash() {
        InputCodec avro = new InputCodec(InputFormat.AVRO);
        assertThatThrownBy(() -> avro.decode(new byte[] {9, 9, 9}))
                .isInstanceOf(MalformedRecordException.class)
                .hasMessageContaining("field '$'");
        assertThatThrownBy(() -> avro.decode(new byte[0]))
                .isInstanceOf(MalformedRecordException.class);
    }
}
