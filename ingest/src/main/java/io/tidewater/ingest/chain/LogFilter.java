package io.tidewater.ingest.chain;

import io.tidewater.ingest.rpc.Hex;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Which logs of one chain to fetch: emitted by any of {@code addresses} and with a {@code topic0}
 * (the event's signature hash) among {@code topic0s}. An empty list does not filter: no addresses
 * and no topics means every log of the chain.
 */
public record LogFilter(List<String> addresses, List<String> topic0s) {
    private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-f]{40}");
    private static final Pattern TOPIC = Pattern.compile("0x[0-9a-f]{64}");

    public static final LogFilter ALL = new LogFilter(List.of(), List.of());

    public LogFilter {
        addresses = addresses.stream().map(a -> a.trim().toLowerCase(Locale.ROOT)).distinct().toList();
        topic0s = topic0s.stream().map(t -> t.trim().toLowerCase(Locale.ROOT)).distinct().toList();
        for (String a : addresses) {
            if (!ADDRESS.matcher(a).matches()) {
                throw new IllegalArgumentException("not a contract address (0x and 40 hex digits): '" + a + "'");
            }
        }
        for (String t : topic0s) {
            if (!TOPIC.matcher(t).matches()) {
                throw new IllegalArgumentException("not a topic (0x and 64 hex digits): '" + t + "'");
            }
        }
    }

    /** The filter object of an {@code eth_getLogs} call over blocks {@code from} to {@code to}. */
    Map<String, Object> toParam(long from, long to) {
        Map<String, Object> filter = new LinkedHashMap<>();
        filter.put("fromBlock", Hex.quantity(from));
        filter.put("toBlock", Hex.quantity(to));
        if (!addresses.isEmpty()) {
            filter.put("address", addresses);
        }
        if (!topic0s.isEmpty()) {
            filter.put("topics", List.of(topic0s));
        }
        return filter;
    }

    @Override
    public String toString() {
        return (addresses.isEmpty() ? "any contract" : addresses.size() + " contract(s)") + ", "
                + (topic0s.isEmpty() ? "any event" : topic0s.size() + " event(s)");
    }
}
