package io.tidewater.ingest.chain;

import io.tidewater.ingest.rpc.Hex;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import io.tidewater.topology.api.Subscription;
import java.util.Set;
import java.util.TreeSet;
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

    /**
     * The logs an indexer's handlers can take on one chain: the topics 0 of the events it declares
     * by signature or ABI, and the contracts it names on the chain, or none when one of those
     * events takes any contract. The node cannot filter by pairs, so a log of one declared
     * contract and another's event is fetched too; the indexer skips it.
     *
     * @throws IllegalArgumentException when no event is declared by signature (a bare name only
     *                                  matches decoded logs), or none takes a contract on the chain
     */
    public static LogFilter of(List<Subscription> subscriptions, long chainId) {
        Set<String> topics = new TreeSet<>();
        Set<String> addresses = new TreeSet<>();
        boolean anyContract = false;
        for (Subscription s : subscriptions) {
            if (s.signature().isEmpty() || !s.contracts().isAny() && s.contracts().addresses(chainId).orElse(Set.of()).isEmpty()) {
                continue;
            }
            topics.add(s.signature().get().topic0());
            anyContract |= s.contracts().isAny();
            s.contracts().addresses(chainId).ifPresent(addresses::addAll);
        }
        if (topics.isEmpty()) {
            throw new IllegalArgumentException("the indexer declares no event by signature or ABI that takes logs on chain " + chainId
                    + " (events: " + subscriptions.stream().map(Subscription::name).toList() + ")");
        }
        return new LogFilter(anyContract ? List.of() : List.copyOf(addresses), List.copyOf(topics));
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
