package io.tidewater.serdes;

/** Lowercase {@code 0x} hex, the form in which logs carry bytes. */
public final class Hex {
    private static final char[] DIGITS = "0123456789abcdef".toCharArray();

    private Hex() {
    }

    public static String encode(byte[] bytes) {
        char[] out = new char[2 + bytes.length * 2];
        out[0] = '0';
        out[1] = 'x';
        for (int i = 0; i < bytes.length; i++) {
            out[2 + i * 2] = DIGITS[(bytes[i] >> 4) & 0xf];
            out[3 + i * 2] = DIGITS[bytes[i] & 0xf];
        }
        return new String(out);
    }

    /** @throws IllegalArgumentException unless {@code 0x} plus an even number of hex digits */
    public static byte[] decode(String hex) {
        if (hex == null || !hex.startsWith("0x") && !hex.startsWith("0X")) {
            throw new IllegalArgumentException("not 0x-prefixed hex");
        }
        int digits = hex.length() - 2;
        if (digits % 2 != 0) {
            throw new IllegalArgumentException("odd number of hex digits (" + digits + ")");
        }
        byte[] out = new byte[digits / 2];
        for (int i = 0; i < out.length; i++) {
            int hi = Character.digit(hex.charAt(2 + i * 2), 16);
            int lo = Character.digit(hex.charAt(3 + i * 2), 16);
            if (hi < 0 || lo < 0) {
                throw new IllegalArgumentException("not hex at character " + (2 + i * 2 + (hi < 0 ? 0 : 1)));
            }
            out[i] = (byte) (hi << 4 | lo);
        }
        return out;
    }
}
