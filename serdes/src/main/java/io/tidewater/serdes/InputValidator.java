package io.tidewater.serdes;

import io.tidewater.serdes.wire.BlockHeader;
import io.tidewater.serdes.wire.InputRecord;
import io.tidewater.serdes.wire.LogEvent;
import io.tidewater.serdes.wire.ReorgNotice;
import java.util.Map;

/**
 * Checks a decoded input record against DESIGN §3, whichever form it arrived in. Avro
 * guarantees types, not values: a negative block or a short hash is caught here.
 */
public final class InputValidator {
    private InputValidator() {
    }

    public static InputRecord validate(InputRecord record) {
        Object body = record.getBody();
        if (body instanceof LogEvent log) {
            validateLog(log);
        } else if (body instanceof BlockHeader block) {
            validateBlock(block);
        } else if (body instanceof ReorgNotice reorg) {
            WireLimits.nonNegative("chainId", reorg.getChainId());
            WireLimits.nonNegative("lastValidBlock", reorg.getLastValidBlock());
        } else {
            throw new MalformedRecordException("kind", body == null ? null : body.getClass().getSimpleName(),
                    "unknown kind; expected log, block or reorg");
        }
        return record;
    }

    private static void validateLog(LogEvent log) {
        WireLimits.nonNegative("chainId", log.getChainId());
        WireLimits.nonNegative("blockNumber", log.getBlockNumber());
        WireLimits.hash("blockHash", log.getBlockHash());
        WireLimits.nonNegative("blockTimestamp", log.getBlockTimestamp());
        WireLimits.nonNegative("logIndex", log.getLogIndex());
        WireLimits.hash("txHash", log.getTxHash());
        WireLimits.address("address", log.getAddress());
        WireLimits.eventName("event", log.getEvent());
        Map<String, Object> params = log.getParams();
        if (params.size() > WireLimits.MAX_PARAMS) {
            throw new MalformedRecordException("params", params.size() + " entries",
                    "has more than " + WireLimits.MAX_PARAMS + " entries");
        }
        for (Map.Entry<String, Object> e : params.entrySet()) {
            WireLimits.boundedString("params", e.getKey());
            if (e.getValue() instanceof CharSequence s) {
                WireLimits.boundedString("params." + e.getKey(), s.toString());
            }
        }
    }

    private static void validateBlock(BlockHeader block) {
        WireLimits.nonNegative("chainId", block.getChainId());
        WireLimits.nonNegative("number", block.getNumber());
        WireLimits.hash("hash", block.getHash());
        WireLimits.hash("parentHash", block.getParentHash());
        WireLimits.nonNegative("timestamp", block.getTimestamp());
    }
}
