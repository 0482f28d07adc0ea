package io.tidewater.app.progress;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Turns snapshots into text, and nothing else: no clock, no terminal, so every frame can be
 * unit-tested. Rates are the difference between the previous snapshot and this one over the
 * time between them; with no previous snapshot they are shown as "-".
 */
public final class ProgressRenderer {
    private static final String TABLE_FORMAT = "%8s %12s %12s %9s %11s %10s";

    private ProgressRenderer() {
    }

    /**
     * A table, one row per chain plus a total row, for a terminal refreshed in place. Only the total
     * row counts dirty entities: the dirty set is a task's, and a task may hold several chains.
     */
    public static List<String> table(ProgressSnapshot previous, ProgressSnapshot current, Duration elapsed) {
        Map<Long, ChainProgress> before = byChain(previous);
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, TABLE_FORMAT, "chain", "head", "written", "behind", "events/s", "dirty"));
        for (ChainProgress c : current.chains()) {
            lines.add(String.format(Locale.ROOT, TABLE_FORMAT, c.chainId(), block(c.headBlock()), block(c.writtenBlock()),
                    behind(c), rate(before.get(c.chainId()), c, elapsed), ""));
        }
        String totalRate = previous == null ? "-" : rate(previous.eventsApplied(), current.eventsApplied(), elapsed);
        lines.add(String.format(Locale.ROOT, TABLE_FORMAT, "total", "", "", "", totalRate, count(current.dirtyEntities()))
                + String.format(Locale.ROOT, "   events %s, reorgs %s, dead letters %s",
                count(current.eventsApplied()), count(current.reorgs()), count(current.deadLetters())));
        return lines;
    }

    /** One self-contained line, for logs and pipes where redrawing is impossible. */
    public static String line(ProgressSnapshot previous, ProgressSnapshot current, Duration elapsed) {
        Map<Long, ChainProgress> before = byChain(previous);
        String chains = current.chains().stream()
                .map(c -> "chain " + c.chainId() + " head " + block(c.headBlock()) + " written " + block(c.writtenBlock())
                        + " " + rate(before.get(c.chainId()), c, elapsed) + " ev/s")
                .collect(Collectors.joining(" | "));
        return "progress: " + (chains.isEmpty() ? "no chains yet" : chains)
                + " | events " + count(current.eventsApplied())
                + ", dirty " + count(current.dirtyEntities()) + ", reorgs " + count(current.reorgs())
                + ", dead letters " + count(current.deadLetters());
    }

    private static Map<Long, ChainProgress> byChain(ProgressSnapshot snapshot) {
        return snapshot == null ? Map.of()
                : snapshot.chains().stream().collect(Collectors.toMap(ChainProgress::chainId, Function.identity()));
    }

    private static String rate(ChainProgress before, ChainProgress now, Duration elapsed) {
        return before == null ? "-" : rate(before.eventsApplied(), now.eventsApplied(), elapsed);
    }

    private static String rate(long before, long now, Duration elapsed) {
        if (elapsed.isZero() || elapsed.isNegative()) {
            return "-";
        }
        double perSecond = Math.max(0, now - before) * 1_000_000_000.0 / elapsed.toNanos();
        return String.format(Locale.ROOT, "%,.1f", perSecond);
    }

    private static String behind(ChainProgress c) {
        if (c.headBlock() == ChainProgress.NONE) {
            return "-";
        }
        long written = c.writtenBlock() == ChainProgress.NONE ? 0 : c.writtenBlock();
        return count(Math.max(0, c.headBlock() - written));
    }

    private static String block(long block) {
        return block == ChainProgress.NONE ? "-" : Long.toString(block);
    }

    private static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
