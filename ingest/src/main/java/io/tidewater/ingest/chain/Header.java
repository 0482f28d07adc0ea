package io.tidewater.ingest.chain;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidewater.ingest.rpc.Hex;

/** What the ingester needs of a block: its place, its identity, its parent's and its time (seconds). */
public record Header(long number, String hash, String parentHash, long timestamp) {

    /** From an {@code eth_getBlockByNumber} or {@code eth_getBlockByHash} result. */
    static Header of(JsonNode block) {
        return new Header(Hex.toLong(block.path("number").asText()), block.path("hash").asText().toLowerCase(java.util.Locale.ROOT),
                block.path("parentHash").asText().toLowerCase(java.util.Locale.ROOT), Hex.toLong(block.path("timestamp").asText()));
    }
}
