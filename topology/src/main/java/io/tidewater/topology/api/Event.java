package io.tidewater.topology.api;

import io.tidewater.serdes.Params;

/** A decoded event: its name and typed access to its parameters. */
public record Event(String name, Params params) {
}
