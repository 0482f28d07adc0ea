package io.tidewater.serdes;

import static io.tidewater.serdes.JsonFields.integer;
import static io.tidewater.serdes.JsonFields.present;
import static io.tidewater.serdes.JsonFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
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
 * Tidewater's own JSON form of the input topic, both ways: one object per record, of kind
 * {@code log}, {@code block} or {@code reorg}. A log is decoded ({@code event} and
 * {@code params}) or raw ({@code topics} and {@code data}). Parsing is strict: a field of the
 * wrong JSON type is an error naming that field, never a silent coercion, so the JSON and Avro
 * forms accept exactly the same records.
 */
public final class JsonLines {
    private JsonLines() {
    }

    public static InputRecord parse(byte[] utf8) {
        return parse(JsonFields.object(utf8));
    }

    public static InputRecord parse(String line) {
        return parse(line.getBytes(StandardCharsets.UTF_8));
    }

    private static InputRecord parse(JsonNode root) {
        String kind = text(root, "kind");
        Object body = switch (kind) {
            case "log" -> parseLog(root);
            case "block" -> new BlockHeader(integer(root, "chainId"), integer(root, "number"), text(root, "hash"),
                    text(root, "parentHash"), integer(root, "timestamp"));
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
                    .put("address", log.getAddress());
            if (log.getTopics() != null) {
                ArrayNode topics = out.putArray("topics");
                log.getTopics().forEach(topics::add);
                out.put("data", log.getData());
            } else {
                out.put("event", log.getEvent());
                ObjectNode params = out.putObject("params");
                log.getParams().forEach((k, v) -> params.set(k, JsonFields.MAPPER.valueToTree(v)));
            }
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
        LogEvent.Builder log = LogEvent.newBuilder()
                .setChainId(integer(root, "chainId"))
                .setBlockNumber(integer(root, "blockNumber"))
                .setBlockHash(text(root, "blockHash"))
                .setBlockTimestamp(integer(root, "blockTimestamp"))
                .setLogIndex(integer(root, "logIndex"))
                .setTxHash(text(root, "txHash"))
                .setAddress(text(root, "address"));
        boolean raw = present(root, "topics") || present(root, "data");
        if (raw && (present(root, "event") || present(root, "params"))) {
            throw new MalformedRecordException("topics", root.get("topics"),
                    "a log is decoded (event, params) or raw (topics, data), not both");
        }
        if (raw) {
            return log.setTopics(JsonFields.textArray(root, "topics")).setData(text(root, "data")).build();
        }
        if (!present(root, "event")) {
            throw new MalformedRecordException("event", null, "is required (or topics and data, for a raw log)");
        }
        return log.setEvent(text(root, "event")).setParams(params(root)).build();
    }

    private static Map<String, Object> params(JsonNode root) {
        JsonNode node = root.get("params");
        if (node == null || !node.isObject()) {
            throw new MalformedRecordException("params", node, "expected an object of event parameters");
        }
        Map<String, Object> params = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> params.put(e.getKey(), paramValue("params." + e.getKey(), e.getValue())));
        return params;
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
}
