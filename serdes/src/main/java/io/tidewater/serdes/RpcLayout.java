package io.tidewater.serdes;

import static io.tidewater.serdes.JsonFields.present;
import static io.tidewater.serdes.JsonFields.quantity;
import static io.tidewater.serdes.JsonFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidewater.serdes.wire.BlockHeader;
import io.tidewater.serdes.wire.InputRecord;
import io.tidewater.serdes.wire.LogEvent;
import io.tidewater.serdes.wire.ReorgNotice;

/**
 * The {@code rpc} layout: log and block objects exactly as {@code eth_getLogs} and
 * {@code eth_getBlockByNumber} return them (camelCase names, hex quantities). A log that the node
 * marks {@code removed} left the chain with its block: it becomes a reorg notice to the block
 * below, never data.
 */
final class RpcLayout {
    private RpcLayout() {
    }

    static InputRecord parse(byte[] utf8, Long configuredChainId) {
        JsonNode root = JsonFields.object(utf8);
        long chainId = chainId(root, configuredChainId);
        Object body;
        if (present(root, "topics")) {
            body = log(root, chainId);
        } else if (present(root, "parentHash")) {
            body = new BlockHeader(chainId, quantity(root, "number"), text(root, "hash"), text(root, "parentHash"),
                    quantity(root, "timestamp"));
        } else {
            throw new MalformedRecordException("$", root, "neither an eth_getLogs log (topics) nor a block (parentHash)");
        }
        return InputValidator.validate(new InputRecord(body));
    }

    private static Object log(JsonNode root, long chainId) {
        long block = quantity(root, "blockNumber");
        if (present(root, "removed") && JsonFields.bool(root, "removed")) {
            return new ReorgNotice(chainId, Math.max(0, block - 1));
        }
        return LogEvent.newBuilder()
                .setChainId(chainId)
                .setBlockNumber(block)
                .setBlockHash(text(root, "blockHash"))
                .setBlockTimestamp(present(root, "blockTimestamp") ? quantity(root, "blockTimestamp") : WireLimits.UNKNOWN_TIMESTAMP)
                .setLogIndex(quantity(root, "logIndex"))
                .setTxHash(text(root, "transactionHash"))
                .setAddress(text(root, "address"))
                .setTopics(JsonFields.textArray(root, "topics"))
                .setData(text(root, "data"))
                .build();
    }

    /** Nodes do not put the chain id in logs or blocks; a producer may add it, or the config gives it. */
    static long chainId(JsonNode root, Long configured) {
        if (present(root, "chainId")) {
            long sent = JsonFields.quantityOrInteger(root, "chainId");
            if (configured != null && configured != sent) {
                throw new MalformedRecordException("chainId", sent, "differs from input.chain.id " + configured);
            }
            return sent;
        }
        if (configured == null) {
            throw new MalformedRecordException("chainId", null, "is not in the record; set input.chain.id");
        }
        return configured;
    }
}
