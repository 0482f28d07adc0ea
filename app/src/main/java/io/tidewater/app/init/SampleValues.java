package io.tidewater.app.init;

import java.util.ArrayList;
import java.util.List;

/**
 * Java expressions for values of an ABI type, as generated tests pass them to
 * {@code EventSignature.encode}: fixed ones for the example test, ones drawn from a
 * {@code Random random} for the reorg-safety generator.
 */
final class SampleValues {
    static final String ADDRESS = "0x00000000000000000000000000000000000000a1";

    private SampleValues() {
    }

    static String of(String type, boolean random) {
        if (type.endsWith("]")) {
            int open = type.lastIndexOf('[');
            String element = type.substring(0, open);
            String size = type.substring(open + 1, type.length() - 1);
            int n = size.isEmpty() ? 2 : Integer.parseInt(size);
            List<String> items = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                items.add(of(element, random));
            }
            return "List.of(" + String.join(", ", items) + ")";
        }
        if (type.startsWith("(")) {
            List<String> items = new ArrayList<>();
            for (String component : components(type.substring(1, type.length() - 1))) {
                items.add(of(component, random));
            }
            return "List.of(" + String.join(", ", items) + ")";
        }
        if (type.startsWith("uint")) {
            return random ? "random.nextInt(100)" : "7";
        }
        if (type.startsWith("int")) {
            return random ? "random.nextInt(200) - 100" : "-7";
        }
        if (type.startsWith("bytes") && type.length() > 5) {
            return Java.quote("0x" + "11".repeat(Integer.parseInt(type.substring(5))));
        }
        if (type.startsWith("fixed") || type.startsWith("ufixed")) {
            return "new java.math.BigDecimal(\"1.5\")";
        }
        return switch (type) {
            case "address" -> Java.quote(ADDRESS);
            case "bool" -> random ? "random.nextBoolean()" : "true";
            case "string" -> Java.quote("hello");
            case "bytes" -> Java.quote("0x0102");
            default -> throw new IllegalArgumentException("no sample for ABI type " + type);
        };
    }

    /** What the example test expects to read back for a scalar parameter given {@link #of}'s fixed value. */
    static String expectedText(String type) {
        String literal = of(type, false);
        return literal.startsWith("\"") ? literal.substring(1, literal.length() - 1) : literal;
    }

    /** Splits a tuple's component types at its top-level commas. */
    private static List<String> components(String inner) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < inner.length(); i++) {
            char c = inner.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                out.add(inner.substring(start, i));
                start = i + 1;
            }
        }
        if (start < inner.length()) {
            out.add(inner.substring(start));
        }
        return out;
    }
}
