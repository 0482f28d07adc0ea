package io.tidewater.app.runtime;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;

/** The end-of-run report of {@code demo} and {@code replay}. */
record RunSummary(long recordsFed, long logsApplied, long duplicates, long reorgs, long deadLetters,
        Map<String, Long> rows, Duration elapsed) {

    void print(PrintStream out) {
        double seconds = Math.max(elapsed.toMillis(), 1) / 1000.0;
        out.println();
        out.printf("Indexed %,d input records in %.1f s, from indexer start to the last write (%,.0f records/s)%n",
                recordsFed, seconds, recordsFed / seconds);
        out.printf("  logs applied      %,d%n", logsApplied);
        out.printf("  duplicates        %,d skipped%n", duplicates);
        out.printf("  reorgs            %,d rolled back%n", reorgs);
        out.printf("  dead letters      %,d%n", deadLetters);
        out.println("Rows in Postgres:");
        rows.forEach((table, n) -> out.printf("  %-17s %,d%n", table, n));
    }
}
