package io.tidewater.sink;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * A Postgres identifier that has been checked: 1 to 63 bytes of {@code [a-z0-9_]}. SQL text is
 * only ever built from these, so nothing reaching Postgres needs escaping beyond the quotes,
 * and Postgres never silently truncates a name.
 */
record Identifier(String name) {
    static final int MAX_BYTES = 63;
    private static final Pattern ALLOWED = Pattern.compile("[a-z0-9_]+");

    Identifier {
        if (name == null || !ALLOWED.matcher(name).matches()) {
            throw new IllegalArgumentException("\"" + name + "\" is not a valid identifier: only a-z, 0-9 and _ are allowed");
        }
        if (name.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw new IllegalArgumentException("\"" + name + "\" is longer than " + MAX_BYTES + " bytes");
        }
    }

    /** Always quoted, so reserved words such as {@code from} or {@code order} are plain column names. */
    String quoted() {
        return '"' + name + '"';
    }

    @Override
    public String toString() {
        return name;
    }
}
