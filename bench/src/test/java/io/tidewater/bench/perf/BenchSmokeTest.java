package io.tidewater.bench.perf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The harness runs end to end at tiny sizes and produces every figure. It asserts no performance. */
@Tag("e2e")
class BenchSmokeTest {
    @TempDir
    Path out;

    @Test
    void producesEveryMeasurement() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        Path json = Bench.run(BenchSizes.tiny(), out, new PrintStream(printed, true, StandardCharsets.UTF_8));

        String text = Files.readString(json);
        for (String figure : new String[] {"a.copy.rows_per_s", "b.sink.insert.rows_per_s", "b.sink.update.rows_per_s",
                "c.passthrough.records_per_s", "d.topology.events_per_s", "e.background.events_per_s", "e.synchronous.events_per_s", "h.node.events_per_s"}) {
            assertTrue(text.contains("\"" + figure + "\": {\"value\": "), figure + " missing from " + text);
        }
        assertTrue(Files.size(out.resolve("tiny.svg")) > 500, "chart written");
        assertTrue(printed.toString(StandardCharsets.UTF_8).contains("holds"), "target table printed");
        assertPositive(text, "\"value\": ");
        assertPositive(text, "\"commitMillis\": ");
        assertPositive(text, "\"peakRssMiB\": ");
        assertEquals(BenchSizes.tiny().rollbackDepths().size() * BenchSizes.tiny().rollbackEntities().size(), count(text, "\"commitMillis\""));
        assertEquals(BenchSizes.tiny().entityCheckpoints().size(), count(text, "\"peakRssMiB\""));
    }

    /** Every number after {@code key} is present and above zero. */
    private static void assertPositive(String json, String key) {
        int at = 0;
        int seen = 0;
        while ((at = json.indexOf(key, at)) >= 0) {
            at += key.length();
            int end = at;
            while (end < json.length() && ",}".indexOf(json.charAt(end)) < 0) {
                end++;
            }
            String number = json.substring(at, end).trim();
            assertTrue(!number.equals("null") && Double.parseDouble(number) > 0, key + number + " is not a positive number");
            seen++;
        }
        assertTrue(seen > 0, "no " + key);
    }

    private static int count(String s, String needle) {
        int n = 0;
        for (int at = s.indexOf(needle); at >= 0; at = s.indexOf(needle, at + 1)) {
            n++;
        }
        return n;
    }
}
