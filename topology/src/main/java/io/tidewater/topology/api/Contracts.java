package io.tidewater.topology.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The contracts whose logs a handler takes, per chain. {@link #any()} takes every contract on
 * every chain; otherwise only the listed addresses on the listed chains, and nothing on other
 * chains. Addresses compare without regard to case (checksummed or not).
 *
 * <pre>{@code
 * Contracts.on(1, "0xA0b8...eB48").and(10, "0x0b2C...Ff85")
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class Contracts {
    private static final Contracts ANY = new Contracts(null);

    /** Lowercase addresses per chain; null means any contract on any chain. */
    private final Map<Long, Set<String>> byChain;

    private Contracts(Map<Long, Set<String>> byChain) {
        this.byChain = byChain;
    }

    public static Contracts any() {
        return ANY;
    }

    /** @throws IllegalArgumentException if an address is not 20-byte hex */
    public static Contracts on(long chainId, String... addresses) {
        return new Contracts(new LinkedHashMap<>()).and(chainId, addresses);
    }

    /** These contracts plus {@code addresses} on {@code chainId}. */
    public Contracts and(long chainId, String... addresses) {
        if (byChain == null) {
            throw new IllegalStateException("Contracts.any() already takes every contract");
        }
        if (chainId < 0) {
            throw new IllegalArgumentException("chain id " + chainId + " is negative");
        }
        if (addresses.length == 0) {
            throw new IllegalArgumentException("chain " + chainId + ": name at least one contract address");
        }
        Map<Long, Set<String>> copy = new LinkedHashMap<>();
        byChain.forEach((chain, set) -> copy.put(chain, new LinkedHashSet<>(set)));
        Set<String> set = copy.computeIfAbsent(chainId, c -> new LinkedHashSet<>());
        for (String address : addresses) {
            set.add(normalize(address));
        }
        copy.replaceAll((chain, s) -> Collections.unmodifiableSet(s));
        return new Contracts(Collections.unmodifiableMap(copy));
    }

    public boolean isAny() {
        return byChain == null;
    }

    public boolean admits(long chainId, String address) {
        if (byChain == null) {
            return true;
        }
        Set<String> set = byChain.get(chainId);
        return set != null && address != null && set.contains(address.toLowerCase(Locale.ROOT));
    }

    /** The chains listed; empty for {@link #any()}. */
    public Set<Long> chains() {
        return byChain == null ? Set.of() : byChain.keySet();
    }

    /** The lowercase addresses listed on a chain; empty when any contract is taken (see {@link #isAny()}). */
    public Optional<Set<String>> addresses(long chainId) {
        if (byChain == null) {
            return Optional.empty();
        }
        return Optional.of(byChain.getOrDefault(chainId, Set.of()));
    }

    private static String normalize(String address) {
        if (address == null || address.length() != 42 || !address.startsWith("0x")) {
            throw new IllegalArgumentException("not a contract address (0x + 40 hex digits): " + address);
        }
        for (int i = 2; i < address.length(); i++) {
            if (Character.digit(address.charAt(i), 16) < 0) {
                throw new IllegalArgumentException("not a contract address (0x + 40 hex digits): " + address);
            }
        }
        return address.toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return byChain == null ? "any contract" : byChain.toString();
    }
}
