package io.tidewater.topology.internals.abi;

/** Keccak-256, Ethereum's hash (not NIST SHA3-256), from the decoder's own implementation. */
public final class Keccak {
    private Keccak() {
    }

    public static byte[] of(byte[] input) {
        return new com.joemelsha.crypto.hash.Keccak(256).digest(input);
    }
}
