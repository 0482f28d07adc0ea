package io.tidewater.topology.api;

/** A log's index in its block, its transaction, and the contract that emitted it, as the producer sent them. */
public record Log(long index, String txHash, String address) {
}
