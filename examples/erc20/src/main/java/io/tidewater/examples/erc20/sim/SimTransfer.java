package io.tidewater.examples.erc20.sim;

import java.math.BigInteger;

/** One canonical Transfer log as the simulator emitted it. */
public record SimTransfer(long chainId, long blockNumber, String blockHash, long blockTimestamp, long logIndex,
        String txHash, String token, String from, String to, BigInteger value) {
}
