package io.tidewater.serdes;

import static io.tidewater.serdes.JsonFields.integer;
import static io.tidewater.serdes.JsonFields.present;
import static io.tidewater.serdes.JsonFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidewater.serdes.wire.BlockHeader;
import io.tidewater.serdes.wire.InputRecord;
import io.tidewater.serdes.wire.LogEvent;

/**
 * The {@code ethereum-etl} layout: the {@code log} and {@code block} items that
 * {@code ethereumetl stream --output kafka} publishes (snake_case names, decimal numbers). Other
 * item types are not chain records Tidewater indexes.
 */
final class EthereumEtlLayout {
    private EthereumEtlLayout() {
    }

    static InputRecord parse(byte[] utf8, Long configuredChainId) {
        JsonNode root = JsonFields.object(utf8);
        long chainId = RpcLayout.chainId(root, configuredChainId);
        String type = text(root, "type");
        Object body = switch (type) {
            case "log" -> LogEvent.newBuilder()
                    .setChainId(chainId)
                    .setBlockNumber(integer(root, "block_number"))
                    .setBlockHash(text(root, "block_hash"))
                    .setBlockTimestamp(present(root, "block_timestamp") ? integer(root, "block_timestamp") : WireLimits.UNKNOWN_TIMESTAMP)
                    .setLogIndex(integer(root, "log_index"))
                    .setTxHash(text(root, "transaction_hash"))
                    .setAddress(text(root, "address"))
                    .setTopics(JsonFields.textArray(root, "topics"))
                    .setData(text(root, "data"))
                    .build();
            case "block" -> new BlockHeader(chainId, integer(root, "number"), text(root, "hash"), text(root, "parent_hash"),
                    integer(root, "timestamp"));
            default -> throw new MalformedRecordException("type", type, "unknown item type; expected log or block");
        };
        return InputValidator.validate(new InputRecord(body));
    }
}
