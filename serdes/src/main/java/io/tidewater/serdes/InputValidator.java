package io.tidewater.serdes;

import io.tidewater.serdes.wire.BlockHeader;
import io.tidewater.serdes.wire.InputRecord;
import io.tidewater.serdes.wire.LogEvent;
import io.tidewater.serdes.wire.ReorgNotice;
import java.util.List;
import java.util.Map;

/**
 * Checks a decoded input record against the wire contract (docs/architecture.md, The input
 * topic), whichever form it arrived in. Avro guarantees types, not values: a negative block or a
 * short hash is caught here.
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
        WireLimits.timestamp("blockTimestamp", log.getBlockTimestamp());
        WireLimits.nonNegative("logIndex", log.getLogIndex());
        WireLimits.hash("txHash", log.getTxHash());
        WireLimits.address("address", log.getAddress());
        boolean decoded = log.getEvent() != null || log.getParams() != null;
        boolean raw = log.getTopics() != null || log.getData() != null;
        if (decoded && raw) {
            throw new MalformedRecordException("topics", log.getTopics(),
                    "a log is decoded (event, params) or raw (topics, data), not both");
        }
        if (raw) {
            validateRaw(log);
        } else {
            validateDecoded(log);
        }
    }

    private static void validateDecoded(LogEvent log) {
        WireLimits.eventName("event", log.getEvent());
        Map<String, Object> params = log.getParams();
        if (params == null) {
            throw new MalformedRecordException("params", null, "expected an object of event parameters");
        }
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

    /** Only the shape: whether the data decodes depends on the event, which the indexer declares. */
    private static void validateRaw(LogEvent log) {
        List<String> topics = log.getTopics();
        if (topics == null || topics.isEmpty() || topics.size() > WireLimits.MAX_TOPICS) {
            throw new MalformedRecordException("topics", topics,
                    "expected 1 to " + WireLimits.MAX_TOPICS + " topics (topic 0 is the event signature's hash)");
        }
        for (int i = 0; i < topics.size(); i++) {
            WireLimits.topic("topics[" + i + "]", topics.get(i));
        }
        String data = log.getData();
        if (data == null) {
            throw new MalformedRecordException("data", null, "is required with topics (\"0x\" when empty)");
        }
        if (data.length() > WireLimits.MAX_DATA_HEX_CHARS) {
            throw new MalformedRecordException("data", data, "is longer than " + WireLimits.MAX_DATA_BYTES + " bytes");
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
