package io.tidewater.serdes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.serdes.wire.BlockHeader;
import io.tidewater.serdes.wire.InputRecord;
import io.tidewater.serdes.wire.LogEvent;
import io.tidewater.serdes.wire.ReorgNotice;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON-lines form of the input topic (DESIGN §3), both ways. Parsing is strict: a field
 * of the wrong JSON type is an error naming that field, never a silent coercion, so the JSON
 * and Avro forms accept exactly the same records.
 */
public final class JsonLines {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    static {
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxStringLength(WireLimits.MAX_STRING_CHARS * 4)
                .maxNestingDepth(8)
                .build());
    }

    private JsonLines() {
    }

    public static InputRecord parse(byte[] utf8) {
        return parse(new String(utf8, StandardCharsets.UTF_8));
    }

    public static InputRecord parse(String line) {
        JsonNode root;
        try {
            root = MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            throw new MalformedRecordException("$", line, "is not valid JSON (" + e.getOriginalMessage() + ")", e);
        }
        if (root == null || !root.isObject()) {
            throw new MalformedRecordException("$", line, "expected a JSON object");
        }
        String kind = text(root, "kind");
        Object body = switch (kind) {
            case "log" -> parseLog(root);
            case "block" -> parseBlock(root);
            case "reorg" -> new ReorgNotice(integer(root, "chainId"), integer(root, "lastValidBlock"));
            default -> throw new MalformedRecordException("kind", kind, "unknown kind; expected log, block or reorg");
        };
        return InputValidator.validate(new InputRecord(body));
    }

    public static String format(InputRecord record) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        Object body = record.getBody();
        if (body instanceof LogEvent log) {
            out.put("kind", "log").put("chainId", log.getChainId()).put("blockNumber", log.getBlockNumber())
                    .put("blockHash", log.getBlockHash()).put("blockTimestamp", log.getBlockTimestamp())
                    .put("logIndex", log.getLogIndex()).put("txHash", log.getTxHash())
                    .put("address", log.getAddress()).put("event", log.getEvent());
            ObjectNode params = out.putObject("params");
            log.getParams().forEach((k, v) -> params.set(k, MAPPER.valueToTree(v)));
        } else if (body instanceof BlockHeader block) {
            out.put("kind", "block").put("chainId", block.getChainId()).put("number", block.getNumber())
                    .put("hash", block.getHash()).put("parentHash", block.getParentHash())
                    .put("timestamp", block.getTimestamp());
        } else if (body instanceof ReorgNotice reorg) {
            out.put("kind", "reorg").put("chainId", reorg.getChainId())
                    .put("lastValidBlock", reorg.getLastValidBlock());
        } else {
            throw new IllegalArgumentException("not an input record body: " + body);
        }
        return out.toString();
    }

    private static LogEvent parseLog(JsonNode root) {
        JsonNode paramsNode = root.get("params");
        if (paramsNode == null || !paramsNode.isObject()) {
            throw new MalformedRecordException("params", paramsNode, "expected an object of event parameters");
        }
        Map<String, Object> params = new LinkedHashMap<>();
        paramsNode.fields().forEachRemaining(e -> params.put(e.getKey(), paramValue("params." + e.getKey(), e.getValue())));
        return LogEvent.newBuilder()
                .setChainId(integer(root, "chainId"))
                .setBlockNumber(integer(root, "blockNumber"))
                .setBlockHash(text(root, "blockHash"))
                .setBlockTimestamp(integer(root, "blockTimestamp"))
                .setLogIndex(integer(root, "logIndex"))
                .setTxHash(text(root, "txHash"))
                .setAddress(text(root, "address"))
                .setEvent(text(root, "event"))
                .setParams(params)
                .build();
    }

    private static BlockHeader parseBlock(JsonNode root) {
        return new BlockHeader(integer(root, "chainId"), integer(root, "number"), text(root, "hash"),
                text(root, "parentHash"), integer(root, "timestamp"));
    }

    private static Object paramValue(String field, JsonNode v) {
        if (v.isTextual()) {
            return v.textValue();
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        if (v.isIntegralNumber()) {
            if (!v.canConvertToLong()) {
                throw new MalformedRecordException(field, v, "integer out of 64-bit range; send big integers as decimal strings");
            }
            return v.longValue();
        }
        if (v.isNumber()) {
            return v.doubleValue();
        }
        if (v.isNull()) {
            return null;
        }
        throw new MalformedRecordException(field, v, "expected a string, number or boolean");
    }

    private static JsonNode required(JsonNode root, String field) {
        JsonNode v = root.get(field);
        if (v == null || v.isNull()) {
            throw new MalformedRecordException(field, null, "is required");
        }
        return v;
    }

    private static String text(JsonNode root, String field) {
        JsonNode v = required(root, field);
        if (!v.isTextual()) {
            throw new MalformedRecordException(field, v, "expected a string");
        }
        return v.textValue();
    }

    private static long integer(JsonNode root, String field) {
        JsonNode v = required(root, field);
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw new MalformedRecordException(field, v, "expected an integer");
        }
        return v.longValue();
    }
}
