package io.tidewater.bench.perf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunSpreadTest {
    private static List<Targets.Target> run(double ratio, double millis) {
        return List.of(new Targets.Target("b / a", ratio, true, 0.7), new Targets.Target("g ms", millis, false, 200));
    }

    @Test
    void eachTargetIsJudgedOnItsMedianAndReportedWithItsSpread() {
        List<RunSpread.Spread> spreads = RunSpread.of(List.of(run(0.72, 250), run(0.58, 150), run(0.75, 170)));

        RunSpread.Spread ratio = spreads.get(0);
        assertEquals("b / a", ratio.median().name());
        assertEquals(0.72, ratio.median().value());
        assertEquals(0.58, ratio.min());
        assertEquals(0.75, ratio.max());
        assertTrue(ratio.holds(), "0.72 >= 0.7, though one run fell below");
        RunSpread.Spread latency = spreads.get(1);
        assertEquals(170, latency.median().value());
        assertTrue(latency.holds());
    }

    @Test
    void aRunWithoutAValueIsLeftOutAndAnEvenCountAveragesTheMiddleTwo() {
        List<RunSpread.Spread> spreads = RunSpread.of(List.of(run(0.6, Double.NaN), run(0.8, 300), run(Double.NaN, 100)));

        assertEquals(0.7, spreads.get(0).median().value(), 1e-9);
        assertArrayEquals(new double[] {0.6, 0.8}, spreads.get(0).values());
        assertEquals(200, spreads.get(1).median().value(), 1e-9);
        assertTrue(spreads.get(1).holds());
        assertFalse(RunSpread.of(List.of(run(Double.NaN, 100))).get(0).holds(), "no value, no verdict of success");
    }

    @Test
    void theTableAndTheJsonCarryMedianMinAndMax() {
        List<RunSpread.Spread> spreads = RunSpread.of(List.of(run(0.72, 250), run(0.58, 150), run(0.75, 170)));
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        RunSpread.print(3, spreads, new PrintStream(printed, true, StandardCharsets.UTF_8));
        String table = printed.toString(StandardCharsets.UTF_8);

        assertTrue(table.contains("targets over 3 runs"), table);
        assertTrue(table.matches("(?s).*b / a\\s+0\\.72\\s+0\\.58\\s+0\\.75\\s+>=\\s+0\\.7 yes.*"), table);
        String json = RunSpread.toJson(3, spreads);
        assertTrue(json.contains("\"b / a\": {\"median\": 0.720, \"min\": 0.580, \"max\": 0.750, \"values\": [0.580, 0.720, 0.750], \"holds\": true}"),
                json);
        assertTrue(json.contains("\"runs\": 3"), json);
    }
}
