package io.tidewater.sink;

/**
 * Renders values as one Postgres array literal, {@code {"a","b",NULL}}, to bind with
 * {@code setString} where the SQL casts the parameter to {@code text[]}.
 *
 * <p>Why not {@code Connection#createArrayOf}: pgjdbc 42.7 encodes a {@code String[]} byte by
 * byte through a synchronized stream; profiling the sink (BENCHMARKS.md) found it the writer
 * thread's largest cost, larger than waiting for Postgres.
 */
final class TextArrayLiteral {
    private TextArrayLiteral() {
    }

    static String of(String[] values) {
        int size = 2;
        for (String v : values) {
            size += v == null ? 5 : v.length() + 3;
        }
        StringBuilder b = new StringBuilder(size).append('{');
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                b.append(',');
            }
            String v = values[i];
            if (v == null) {
                b.append("NULL");
                continue;
            }
            b.append('"');
            for (int j = 0; j < v.length(); j++) {
                char c = v.charAt(j);
                if (c == '"' || c == '\\') {
                    b.append('\\');
                }
                b.append(c);
            }
            b.append('"');
        }
        return b.append('}').toString();
    }
}
