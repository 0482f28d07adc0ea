package io.tidewater.testkit;

import java.util.Map;

/**
 * What the indexer did with its input.
 *
 * @param logsApplied    logs whose handler ran and whose changes applied
 * @param unhandled      logs no handler takes (undeclared event, or another contract), by event
 * @param duplicates     records skipped as already applied
 * @param rollbacks      reorgs rolled back
 * @param deadLetters    records dead-lettered, by category
 */
public record Stats(long logsApplied, Map<String, Long> unhandled, long duplicates, long rollbacks,
        Map<String, Long> deadLetters) {
    public long unhandledTotal() {
        return unhandled.values().stream().mapToLong(Long::longValue).sum();
    }
}
