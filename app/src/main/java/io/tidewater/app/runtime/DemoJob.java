package io.tidewater.app.runtime;

import io.tidewater.app.cli.DemoOptions;
import io.tidewater.app.progress.ProgressDisplay;
import io.tidewater.examples.erc20.Erc20Indexer;
import io.tidewater.examples.erc20.sim.ChainSimulator;
import io.tidewater.examples.erc20.sim.SimOptions;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * {@code tidewater demo}: a synthetic three-chain ERC20 stream with explicit, implicit and
 * parent-hash reorgs and duplicates, fed at a steady pace so the progress display has something
 * to show, through the ERC20 indexer into an embedded Postgres.
 */
final class DemoJob {
    static final int LINES = 60_000;
    static final int LINES_PER_SECOND = 5_000;

    private final PrintStream out;
    private final ShutdownSignal signal;

    DemoJob(PrintStream out, ShutdownSignal signal) {
        this.out = out;
        this.signal = signal;
    }

    int run(DemoOptions options) throws Exception {
        ChainSimulator sim = new ChainSimulator(7, new SimOptions(new long[] {1, 10, 137}, 5, 400, 6, 0.03, 12, 0.03, 0.3), false);
        out.println("Tidewater demo: starting an in-process Kafka broker and an embedded Postgres ...");
        ProgressDisplay[] display = new ProgressDisplay[1];
        LocalJob.Plan plan = new LocalJob.Plan(options.indexerJar().isPresent()
                ? IndexerLoader.load(java.util.Optional.empty(), options.indexerJar().map(IndexerJars::open)) : new Erc20Indexer(),
                java.util.Optional.empty(), Map.of(), -1, "tidewater-demo", "./tidewater demo", options.keepRunning());
        LocalJob.Outcome outcome = LocalJob.run(plan, signal, paced(sim), new LocalJob.Observer() {
            @Override
            public void started(IndexerRuntime runtime, LocalStack stack) {
                out.printf("Feeding %,d records of a synthetic ERC20 chain with reorgs and duplicates ...%n", LINES);
                display[0] = ProgressDisplay.onConsole(() -> Progress.snapshot(runtime.progress()), Duration.ofMillis(500)).start();
            }

            @Override
            public void finished() {
                if (display[0] != null) {
                    display[0].close();
                }
            }
        }, out, summary -> {
            out.println();
            out.println("The simulator produced: " + sim.counts());
        });
        return outcome.exitCode();
    }

    private static Iterator<String> paced(ChainSimulator sim) {
        long start = System.nanoTime();
        return new Iterator<>() {
            private final Deque<String> buffer = new ArrayDeque<>();
            private int emitted;

            @Override
            public boolean hasNext() {
                return emitted < LINES;
            }

            @Override
            public String next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                while (buffer.isEmpty()) {
                    buffer.addAll(sim.step());
                }
                long due = start + (long) emitted * 1_000_000_000L / LINES_PER_SECOND;
                long wait = due - System.nanoTime();
                if (wait > 1_000_000) {
                    try {
                        Thread.sleep(wait / 1_000_000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                emitted++;
                return buffer.removeFirst();
            }
        };
    }
}
