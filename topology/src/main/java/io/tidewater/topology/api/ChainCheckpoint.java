package io.tidewater.topology.api;

/** A chain's head at a batch's offset; {@code blockHash} is null when the head block's hash is unknown. */
public record ChainCheckpoint(long chainId, long block, String blockHash) {
}
