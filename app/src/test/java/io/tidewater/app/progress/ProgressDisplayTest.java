package io.tidewater.app.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ProgressDisplayTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    private final AtomicLong clock = new AtomicLong();
    private final AtomicReference<ProgressSnapshot> snapshot = new AtomicReference<>(snapshot(100));

    private static ProgressSnapshot snapshot(long events) {
        return new ProgressSnapshot(List.of(new ChainProgress(1, 50, 40, events)), 7, 0, 0);
    }

    private String printed() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void plainModePrintsOneLinePerFrameWithRatesOverTheClock() {
        ProgressDisplay display = new ProgressDisplay(snapshot::get, out, false, Duration.ofSeconds(1), clock::get);

        display.printFrame();
        snapshot.set(snapshot(400));
        clock.addAndGet(Duration.ofSeconds(3).toNanos());
        display.printFrame();

        assertThat(printed().lines().toList()).containsExactly(
                "progress: chain 1 head 50 written 40 - ev/s | events 100, dirty 7, reorgs 0, dead letters 0",
                "progress: chain 1 head 50 written 40 100.0 ev/s | events 400, dirty 7, reorgs 0, dead letters 0");
        assertThat(printed()).doesNotContain("\u001b");
    }

    @Test
    void interactiveModeRedrawsTheTableInPlace() {
        ProgressDisplay display = new ProgressDisplay(snapshot::get, out, true, Duration.ofSeconds(1), clock::get);

        display.printFrame();
        String first = printed();
        display.printFrame();
        String second = printed().substring(first.length());

        assertThat(first).doesNotContain("\u001b[3A").contains("\r   chain ").contains("\u001b[K\n");
        assertThat(second).startsWith("\u001b[3A\r   chain ");
        assertThat(second.split("\n")).hasSize(3);
    }

    @Test
    void logLinesWrittenWhileTheTableIsShownGoAboveItAndLeaveItWhole() throws Exception {
        ProgressDisplay display = new ProgressDisplay(snapshot::get, out, true, Duration.ofSeconds(1), clock::get);
        // One terminal: the logs' stream and the table's reach the same screen.
        PrintStream logs = new PrintStream(display.linesAbove(out), true, StandardCharsets.UTF_8);

        display.printFrame();
        logs.println("12:00:01.000 INFO  first log line");
        logs.print("12:00:02.000 WARN  second ");
        logs.println("log line");
        snapshot.set(snapshot(400));
        clock.addAndGet(Duration.ofSeconds(1).toNanos());
        display.printFrame();
        logs.println("12:00:03.000 INFO  third log line");

        List<String> screen = Screen.of(printed());
        List<String> table = ProgressRenderer.table(snapshot(100), snapshot(400), Duration.ofSeconds(1));
        List<String> expected = new java.util.ArrayList<>(List.of("12:00:01.000 INFO  first log line",
                "12:00:02.000 WARN  second log line", "12:00:03.000 INFO  third log line"));
        expected.addAll(table);
        assertThat(screen).containsExactlyElementsOf(expected);
    }

    @Test
    void withoutATableLogLinesPassStraightThrough() {
        ProgressDisplay display = new ProgressDisplay(snapshot::get, out, false, Duration.ofSeconds(1), clock::get);
        PrintStream logs = new PrintStream(display.linesAbove(out), true, StandardCharsets.UTF_8);

        logs.println("a log line");
        logs.print("no line break yet");

        assertThat(printed()).isEqualTo("a log line" + System.lineSeparator());
        logs.close();
        assertThat(printed()).endsWith("no line break yet");
    }

    @Test
    void shorterFramesBlankTheLinesTheyNoLongerUse() {
        String redraw = TerminalFrames.redraw(4, List.of("a", "b"));
        assertThat(redraw).isEqualTo("\u001b[4A\ra\u001b[K\n\rb\u001b[K\n\r\u001b[K\n\r\u001b[K\n");
    }

    @Test
    void scheduledLoopPrintsUntilClosedAndThenAFinalFrame() throws InterruptedException {
        ProgressDisplay display = new ProgressDisplay(snapshot::get, out, false, Duration.ofMillis(20), System::nanoTime).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (printed().lines().count() < 3 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        snapshot.set(snapshot(999));
        display.close();
        long linesAtClose = printed().lines().count();
        Thread.sleep(100);

        assertThat(linesAtClose).isGreaterThanOrEqualTo(4);
        assertThat(printed().lines().count()).isEqualTo(linesAtClose);
        assertThat(printed().lines().reduce((a, b) -> b).orElseThrow()).contains("events 999");
    }

    @Test
    void aFailingSnapshotDoesNotStopTheLoop() throws InterruptedException {
        AtomicLong calls = new AtomicLong();
        ProgressDisplay display = new ProgressDisplay(() -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("not yet");
            }
            return snapshot.get();
        }, out, false, Duration.ofMillis(20), System::nanoTime).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (printed().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        display.close();
        assertThat(calls.get()).isGreaterThan(1);
        assertThat(printed()).contains("progress: chain 1");
    }
}
