package io.tidewater.bench.perf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class TargetsTest {
    @Test
    void aRollbackWhoseCommitCameMoreThanASecondAfterItsRestoreIsPrintedAsAnAnomaly() {
        Results r = new Results();
        r.rollback(new Results.Rollback(1, 10_000, 10_038, 480, 250, 320));
        r.rollback(new Results.Rollback(10, 10_000, 10_038, 300, 230, 12_100));

        List<Targets.Target> targets = Targets.of(r);
        String printed = print(r, targets);

        assertTrue(printed.contains("ANOMALY g: depth 10, 10000 entities: a commit came 12100.0 ms after its restore"), printed);
        assertFalse(printed.contains("ANOMALY g: depth 1,"), printed);
        Targets.Target wait = targets.stream().filter(t -> t.name().startsWith("g longest")).findFirst().orElseThrow();
        assertEquals(12_100, wait.value());
        assertFalse(wait.holds());
    }

    @Test
    void noAnomalyWhenEveryWaitIsShort() {
        Results r = new Results();
        r.rollback(new Results.Rollback(100, 10_000, 10_098, 290, 190, 140));

        assertFalse(print(r, Targets.of(r)).contains("ANOMALY"));
        assertTrue(Targets.of(r).stream().filter(t -> t.name().startsWith("g longest")).findFirst().orElseThrow().holds());
    }

    private static String print(Results r, List<Targets.Target> targets) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Targets.print(r, targets, new PrintStream(out, true, StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }
}
