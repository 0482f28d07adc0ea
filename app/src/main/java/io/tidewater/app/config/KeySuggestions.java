package io.tidewater.app.config;

import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;

/** "Did you mean" for misspelt config keys: the closest declared key, if it is close enough. */
final class KeySuggestions {
    private KeySuggestions() {
    }

    static Optional<String> closest(String unknown, Collection<String> known) {
        String u = normalize(unknown);
        int limit = Math.max(2, u.length() / 4);
        return known.stream()
                .filter(k -> distance(u, normalize(k)) <= limit)
                .min(Comparator.comparingInt((String k) -> distance(u, normalize(k))).thenComparing(k -> k));
    }

    /** Separators and case are the commonest slips: batch_interval_ms means batch.interval.ms. */
    private static String normalize(String key) {
        return key.toLowerCase(Locale.ROOT).replace('_', '.').replace('-', '.');
    }

    /** Levenshtein distance; keys are short, so the quadratic table is fine. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(substitution, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
