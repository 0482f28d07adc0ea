package io.tidewater.ingest.rpc;

/** JSON-RPC quantities: {@code 0x}-prefixed hex without leading zeros. */
public final class Hex {
    private Hex() {
    }

    public static String quantity(long n) {
        return "0x" + Long.toHexString(n);
    }

    public static long toLong(String quantity) {
        if (quantity == null || !quantity.startsWith("0x") || quantity.length() < 3) {
            throw new NumberFormatException("not a hex quantity: " + quantity);
        }
        return Long.parseUnsignedLong(quantity.substring(2), 16);
    }
}
