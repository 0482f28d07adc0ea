package io.tidewater.topology.api;

/** The block a log belongs to. */
public record Block(long number, String hash, long timestamp) {
}
