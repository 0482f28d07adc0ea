package io.tidewater.bench.chaos;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Malformed records, one builder per category. Wire-level damage goes on a real chain, between
 * its valid records: the indexer must reject it before it touches that chain's state. Damage
 * only a handler can see (bad params) goes on {@link #POISON_CHAIN}, because a log whose
 * handler fails still counts as applied (docs/architecture.md, A record's path) and would shadow a real log's position.
 */
final class PoisonPills {
    /** A chain that carries nothing but handler-level poison and unhandled events. */
    static final long POISON_CHAIN = 999;

    /** One injected record and what its dead letter must say. */
    record Poison(String name, String key, String value, String deadLetterCategory, String field) {
    }

    private record Kind(String name, String deadLetterCategory, String field, BiFunction<ObjectNode, Long, ObjectNode> damage) {
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String MALFORMED = "malformed";

    private static final List<Kind> WIRE = List.of(
            new Kind("bad-json", MALFORMED, null, (t, seq) -> t),
            new Kind("missing-field", MALFORMED, "logIndex", (t, seq) -> without(t, "logIndex")),
            new Kind("wrong-type", MALFORMED, "blockNumber", (t, seq) -> t.put("blockNumber", "block " + seq)),
            new Kind("bad-big-integer", MALFORMED, "blockNumber",
                    (t, seq) -> t.put("blockNumber", BigInteger.TWO.pow(70).add(BigInteger.valueOf(seq)))),
            new Kind("negative-block", MALFORMED, "blockNumber", (t, seq) -> t.put("blockNumber", -1 - seq)),
            new Kind("unknown-kind", MALFORMED, "kind", (t, seq) -> t.put("kind", "withdrawal")),
            new Kind("malformed-hex", MALFORMED, "blockHash", (t, seq) -> t.put("blockHash", "0xnothex" + seq)),
            new Kind("key-mismatch", "key-mismatch", null, (t, seq) -> t),
            new Kind("negative-reorg", MALFORMED, "lastValidBlock",
                    (t, seq) -> reorg(t, -1 - seq)));

    private static final List<Kind> HANDLER = List.of(
            new Kind("non-numeric-value", MALFORMED, "params.value", (t, seq) -> param(t, "value", "ten" + seq)),
            new Kind("oversized-value", MALFORMED, "params.value", (t, seq) -> param(t, "value", "7".repeat(5000) + seq)),
            new Kind("bad-address", MALFORMED, "params.to", (t, seq) -> param(t, "to", "bob" + seq)),
            new Kind("missing-param", MALFORMED, "params.value", (t, seq) -> {
                ((ObjectNode) t.get("params")).remove("value");
                return t;
            }));

    static int categories() {
        return WIRE.size() + HANDLER.size();
    }

    /**
     * The {@code seq}th poison: categories in turn, so every one occurs even in a short run.
     *
     * @param realLog a valid log line of a real chain, the template for wire-level damage
     * @param poisonBlock the next unused block number on {@link #POISON_CHAIN}
     */
    static Poison make(long seq, String realLog, long poisonBlock) {
        int i = (int) (seq % categories());
        ObjectNode template = parse(realLog);
        if (i < WIRE.size()) {
            Kind k = WIRE.get(i);
            long chain = template.get("chainId").asLong();
            String key = k.name().equals("key-mismatch") ? Long.toString(chain + 1) : Long.toString(chain);
            String value = k.damage().apply(template, seq).toString();
            if (k.name().equals("bad-json")) {
                value = value.substring(0, value.length() / 2);
            }
            return new Poison(k.name(), key, value, k.deadLetterCategory(), k.field());
        }
        Kind k = HANDLER.get(i - WIRE.size());
        ObjectNode onPoisonChain = onPoisonChain(template, poisonBlock);
        return new Poison(k.name(), Long.toString(POISON_CHAIN), k.damage().apply(onPoisonChain, seq).toString(),
                k.deadLetterCategory(), k.field());
    }

    /** A valid log of an event no handler handles: skipped and counted, never dead-lettered. */
    static String unhandled(String realLog, long poisonBlock) {
        ObjectNode log = onPoisonChain(parse(realLog), poisonBlock);
        log.put("event", "Approval");
        return log.toString();
    }

    private static ObjectNode onPoisonChain(ObjectNode log, long block) {
        log.put("chainId", POISON_CHAIN);
        log.put("blockNumber", block);
        log.put("logIndex", 0);
        log.put("blockHash", String.format("0x%064x", block));
        return log;
    }

    private static ObjectNode without(ObjectNode t, String field) {
        t.remove(field);
        return t;
    }

    private static ObjectNode param(ObjectNode t, String name, String value) {
        ((ObjectNode) t.get("params")).put(name, value);
        return t;
    }

    private static ObjectNode reorg(ObjectNode t, long lastValid) {
        ObjectNode r = MAPPER.createObjectNode();
        r.put("kind", "reorg");
        r.put("chainId", t.get("chainId").asLong());
        r.put("lastValidBlock", lastValid);
        return r;
    }

    private static ObjectNode parse(String line) {
        try {
            return (ObjectNode) MAPPER.readTree(line);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("not a JSON object: " + line, e);
        }
    }
}
