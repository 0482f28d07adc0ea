package io.tidewater.serdes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidewater.serdes.wire.InputRecord;
import io.tidewater.serdes.wire.LogEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The raw form of a log (topics and data), in JSON lines and in Avro. */
class RawLogTest {
    static final String HASH = "0x" + "ab".repeat(32);
    static final String ADDR = "0x" + "cd".repeat(20);
    static final String TOPIC0 = "0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef";
    static final String TOPIC1 = "0x000000000000000000000000" + "11".repeat(20);
    static final String DATA = "0x" + "0".repeat(61) + "3e8";
    static final String RAW = "{\"kind\":\"log\",\"chainId\":1,\"blockNumber\":100,\"blockHash\":\"" + HASH
            + "\",\"blockTimestamp\":1700000000,\"logIndex\":3,\"txHash\":\"" + HASH + "\",\"address\":\"" + ADDR
            + "\",\"topics\":[\"" + TOPIC0 + "\",\"" + TOPIC1 + "\"],\"data\":\"" + DATA + "\"}";

    @Test
    void rawLogsKeepTopicsAndDataAndNoEvent() {
        LogEvent log = (LogEvent) JsonLines.parse(RAW).getBody();
        assertThat(log.getTopics()).containsExactly(TOPIC0, TOPIC1);
        assertThat(log.getData()).isEqualTo(DATA);
        assertThat(log.getEvent()).isNull();
        assertThat(log.getParams()).isNull();
    }

    @Test
    void rawLogsSurviveEveryForm() {
        InputRecord fromJson = JsonLines.parse(RAW);
        InputCodec avro = new InputCodec(InputFormat.AVRO);
        InputRecord viaAvro = avro.decode(avro.encode(fromJson));
        assertThat(viaAvro).isEqualTo(fromJson);
        assertThat(JsonLines.parse(JsonLines.format(viaAvro))).isEqualTo(fromJson);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "both forms         | ,\"event\":\"Transfer\",\"params\":{}                 | topics    | not both",
        "no topics          | XX\"topics\":[],\"data\":\"0x\"                         | topics    | expected 1 to 4 topics",
        "five topics        | XX\"topics\":[T,T,T,T,T],\"data\":\"0x\"                | topics    | expected 1 to 4 topics",
        "short topic        | XX\"topics\":[\"0x1234\"],\"data\":\"0x\"               | topics[0] | 32-byte hex topic",
        "topics not strings | XX\"topics\":[1],\"data\":\"0x\"                        | topics[0] | expected a string",
        "data missing       | XX\"topics\":[T]                                       | data      | is required",
    })
    void malformedRawLogsNameTheField(String name, String change, String field, String problem) {
        String line;
        if (change.startsWith("XX")) {
            String fields = change.substring(2).replace("T", "\"" + TOPIC0 + "\"");
            line = RAW.substring(0, RAW.indexOf("\"topics\"")) + fields + "}";
        } else {
            line = RAW.substring(0, RAW.length() - 1) + change + "}";
        }
        assertThatThrownBy(() -> JsonLines.parse(line))
                .isInstanceOf(MalformedRecordException.class)
                .hasMessageContaining(problem)
                .satisfies(e -> assertThat(((MalformedRecordException) e).field()).isEqualTo(field));
    }

    @Test
    void avroRecordsCarryingBothFormsAreRejectedToo() {
        LogEvent both = LogEvent.newBuilder((LogEvent) JsonLines.parse(RAW).getBody())
                .setEvent("Transfer").setParams(java.util.Map.of()).build();
        InputCodec avro = new InputCodec(InputFormat.AVRO);
        byte[] bytes = avro.encode(new InputRecord(both));
        assertThatThrownBy(() -> avro.decode(bytes)).isInstanceOf(MalformedRecordException.class).hasMessageContaining("not both");
    }

    @Test
    void oversizedDataIsRejected() {
        String huge = "0x" + "00".repeat(WireLimits.MAX_DATA_BYTES + 1);
        assertThatThrownBy(() -> JsonLines.parse(RAW.replace(DATA, huge)))
                .isInstanceOf(MalformedRecordException.class).hasMessageContaining("field 'data'");
        assertThat(((LogEvent) JsonLines.parse(RAW.replace(DATA, "0x" + "00".repeat(WireLimits.MAX_DATA_BYTES))).getBody())
                .getData()).hasSize(WireLimits.MAX_DATA_HEX_CHARS);
    }
}
