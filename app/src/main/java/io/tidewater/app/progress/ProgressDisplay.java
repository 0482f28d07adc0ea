package io.tidewater.app.progress;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prints progress periodically: a table redrawn in place on a terminal, a plain line per
 * interval otherwise (logs, pipes, CI). The text comes from {@link ProgressRenderer}; this class
 * only schedules, timestamps and writes.
 *
 * <p>While a table is on a terminal, anything else written there would land inside it and the
 * next redraw would overwrite it. So {@link #onConsole} routes standard error (where the logs go)
 * through {@link #linesAbove}: each complete line is printed above the table, which is erased
 * first and redrawn after.
 *
 * <p>Threading: frames are printed on one daemon thread; lines above the table on the thread that
 * writes them; one lock orders both. {@link #close()} stops the frames, prints a last one, so the
 * final numbers are always shown, and gives standard error back.
 */
public final class ProgressDisplay implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ProgressDisplay.class);

    private final Supplier<ProgressSnapshot> source;
    private final PrintStream out;
    private final boolean interactive;
    private final Duration interval;
    private final LongSupplier nanoClock;
    private final Object frameLock = new Object();
    private ScheduledExecutorService scheduler;
    private ProgressSnapshot previous;
    private long previousNanos;
    private int linesOnScreen;
    private List<String> lastFrame = List.of();
    private PrintStream originalErr;

    /**
     * @param interactive redraw in place with ANSI sequences; only for a real terminal
     * @param nanoClock   {@link System#nanoTime()} outside tests
     */
    public ProgressDisplay(Supplier<ProgressSnapshot> source, PrintStream out, boolean interactive, Duration interval,
                           LongSupplier nanoClock) {
        if (interval.isZero() || interval.isNegative()) {
            throw new IllegalArgumentException("progress interval must be positive, got " + interval);
        }
        this.source = source;
        this.out = out;
        this.interactive = interactive;
        this.interval = interval;
        this.nanoClock = nanoClock;
    }

    /**
     * To standard output, redrawn in place when it is a terminal, plain lines otherwise. On a
     * terminal, standard error goes above the table from {@link #start()} to {@link #close()}.
     */
    public static ProgressDisplay onConsole(Supplier<ProgressSnapshot> source, Duration interval) {
        boolean interactive = Terminal.isInteractive(System.console(), System.getenv());
        ProgressDisplay display = new ProgressDisplay(source, System.out, interactive, interval, System::nanoTime);
        if (interactive) {
            display.originalErr = System.err;
        }
        return display;
    }

    public synchronized ProgressDisplay start() {
        if (scheduler != null) {
            throw new IllegalStateException("progress display already started");
        }
        if (originalErr != null) {
            System.setErr(new PrintStream(linesAbove(originalErr), true, StandardCharsets.UTF_8));
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tidewater-progress");
            t.setDaemon(true);
            return t;
        });
        scheduler.scheduleAtFixedRate(this::safeFrame, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** Prints one frame now; what the scheduled loop calls. */
    public void printFrame() {
        synchronized (frameLock) {
            ProgressSnapshot current = source.get();
            long now = nanoClock.getAsLong();
            Duration elapsed = previous == null ? Duration.ZERO : Duration.ofNanos(now - previousNanos);
            if (interactive) {
                List<String> lines = ProgressRenderer.table(previous, current, elapsed);
                out.print(TerminalFrames.redraw(linesOnScreen, lines));
                linesOnScreen = Math.max(linesOnScreen, lines.size());
                lastFrame = lines;
            } else {
                out.println(ProgressRenderer.line(previous, current, elapsed));
            }
            out.flush();
            previous = current;
            previousNanos = now;
        }
    }

    /**
     * A stream whose complete lines are written to {@code target} above the table: on a terminal
     * the table is erased first and redrawn after, so neither tears the other. A line not yet
     * ended waits for its end. Not interactive: the lines go straight to {@code target}.
     */
    public OutputStream linesAbove(PrintStream target) {
        return new LineRouter(text -> printAbove(text, target));
    }

    private void printAbove(byte[] lines, PrintStream target) {
        synchronized (frameLock) {
            if (!interactive || linesOnScreen == 0) {
                target.write(lines, 0, lines.length);
                target.flush();
                return;
            }
            // Both streams reach the same terminal: each is flushed before the other writes.
            out.print(TerminalFrames.erase(linesOnScreen));
            out.flush();
            target.write(lines, 0, lines.length);
            target.flush();
            out.print(TerminalFrames.redraw(0, lastFrame));
            out.flush();
            linesOnScreen = lastFrame.size();
        }
    }

    @Override
    public void close() {
        ScheduledExecutorService s;
        synchronized (this) {
            s = scheduler;
            scheduler = null;
        }
        if (s == null) {
            return;
        }
        s.shutdownNow();
        try {
            s.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        safeFrame();
        if (originalErr != null) {
            PrintStream routed = System.err;
            System.setErr(originalErr);
            // Hands on a last line that never got its line break.
            routed.close();
        }
    }

    /** A failing snapshot must not kill the scheduled loop; it would never print again. */
    private void safeFrame() {
        try {
            printFrame();
        } catch (RuntimeException e) {
            LOG.warn("Progress display could not render a frame", e);
        }
    }
}
