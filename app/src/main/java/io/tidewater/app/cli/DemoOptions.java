package io.tidewater.app.cli;

/** @param keepRunning after the summary, keep brokers, database and HTTP up until Ctrl-C */
public record DemoOptions(boolean keepRunning) {
}
