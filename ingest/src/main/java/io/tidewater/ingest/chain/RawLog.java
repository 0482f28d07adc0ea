package io.tidewater.ingest.chain;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidewater.ingest.rpc.Hex;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** One log as {@code eth_getLogs} returns it. */
public record RawLog(long blockNumber, String blockHash, long logIndex, String txHash, String address, List<String> topics,
        String data, boolean removed) {

    static RawLog of(JsonNode log) {
        List<String> topics = new ArrayList<>();
        log.path("topics").forEach(t -> topics.add(t.asText().toLowerCase(Locale.ROOT)));
        return new RawLog(Hex.toLong(log.path("blockNumber").asText()), log.path("blockHash").asText().toLowerCase(Locale.ROOT),
                Hex.toLong(log.path("logIndex").asText()), log.path("transactionHash").asText().toLowerCase(Locale.ROOT),
                log.path("address").asText().toLowerCase(Locale.ROOT), List.copyOf(topics), log.path("data").asText("0x"),
                log.path("removed").asBoolean(false));
    }
}
