package io.tidewater.examples.erc20.reference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tidewater.examples.erc20.sim.SimTransfer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads a JSON-lines input file the plain way: per chain it keeps the list of applied logs
 * and, on a reorg, simply drops those above the last valid block. What is left is the
 * canonical history, which {@link Erc20Reference} turns into tables. No store, no undo log:
 * an independent yardstick for end-to-end runs over any input file.
 */
public final class JsonlReference {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static final class Chain {
        long head = -1;
        long lastBlock = -1;
        long lastIndex = -1;
        final Map<Long, String> hashes = new HashMap<>();
        final List<SimTransfer> logs = new ArrayList<>();

        void rollback(long to) {
            logs.removeIf(t -> t.blockNumber() > to);
            hashes.keySet().removeIf(b -> b > to);
            head = to;
            lastBlock = to;
            lastIndex = Long.MAX_VALUE;
        }
    }

    private JsonlReference() {
    }

    /** Tables after the whole file; malformed lines are ignored, as the indexer dead-letters them. */
    public static Map<String, TreeMap<String, Map<String, Object>>> tables(List<String> lines) {
        Map<Long, Chain> chains = new LinkedHashMap<>();
        for (String line : lines) {
            JsonNode r;
            try {
                r = MAPPER.readTree(line);
            } catch (IOException e) {
                continue;
            }
            if (r == null || !r.has("kind") || !r.has("chainId")) {
                continue;
            }
            Chain c = chains.computeIfAbsent(r.get("chainId").asLong(), id -> new Chain());
            switch (r.get("kind").asText()) {
                case "reorg" -> {
                    long v = r.get("lastValidBlock").asLong();
                    if (v < c.head) {
                        c.rollback(v);
                    }
                }
                case "block" -> block(c, r);
                case "log" -> log(c, r);
                default -> {
                }
            }
        }
        List<SimTransfer> canonical = new ArrayList<>();
        chains.values().forEach(c -> canonical.addAll(c.logs));
        return Erc20Reference.tables(canonical);
    }

    private static void block(Chain c, JsonNode r) {
        long n = r.get("number").asLong();
        String hash = r.get("hash").asText();
        if (n <= c.head) {
            String recorded = c.hashes.get(n);
            if (hash.equals(recorded)) {
                return;
            }
            if (recorded != null || n < c.head) {
                c.rollback(n - 1);
            }
        }
        String parent = c.hashes.get(n - 1);
        if (parent != null && !parent.equals(r.get("parentHash").asText())) {
            c.rollback(n - 2);
        }
        c.hashes.put(n, hash);
        c.head = Math.max(c.head, n);
    }

    private static void log(Chain c, JsonNode r) {
        long n = r.get("blockNumber").asLong();
        long index = r.get("logIndex").asLong();
        String hash = r.get("blockHash").asText();
        if (n <= c.head) {
            String recorded = c.hashes.get(n);
            if (hash.equals(recorded)) {
                if (n < c.lastBlock || (n == c.lastBlock && index <= c.lastIndex)) {
                    return;
                }
            } else if (recorded != null || n < c.head) {
                c.rollback(n - 1);
            }
        }
        c.hashes.put(n, hash);
        c.head = Math.max(c.head, n);
        c.lastBlock = n;
        c.lastIndex = index;
        if (!"Transfer".equals(r.get("event").asText())) {
            return;
        }
        JsonNode p = r.get("params");
        c.logs.add(new SimTransfer(r.get("chainId").asLong(), n, hash, r.get("blockTimestamp").asLong(), index,
                r.get("txHash").asText(), r.get("address").asText(), p.get("from").asText(), p.get("to").asText(),
                new BigInteger(p.get("value").asText())));
    }
}
