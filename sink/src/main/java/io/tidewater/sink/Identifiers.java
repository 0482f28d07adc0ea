package io.tidewater.sink;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.zip.CRC32;

/**
 * Maps Avro entity and field names to Postgres identifiers ({@code totalTransfers} becomes
 * {@code total_transfers}) and rejects the names that cannot be mapped, naming them.
 */
final class Identifiers {
    /** Reserved for the sink's own tables and views. */
    static final String INTERNAL_PREFIX = "tidewater_";

    private Identifiers() {
    }

    /**
     * camelCase and PascalCase to snake_case: an underscore goes before an upper-case letter
     * that follows a lower-case letter or digit, or that starts a word after an acronym
     * ({@code HTTPServer} becomes {@code http_server}).
     */
    static String snakeCase(String name) {
        StringBuilder out = new StringBuilder(name.length() + 4);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isUpperCase(c) && i > 0) {
                char prev = name.charAt(i - 1);
                boolean afterWord = Character.isLowerCase(prev) || Character.isDigit(prev);
                boolean endsAcronym = Character.isUpperCase(prev) && i + 1 < name.length()
                        && Character.isLowerCase(name.charAt(i + 1));
                if ((afterWord || endsAcronym) && out.charAt(out.length() - 1) != '_') {
                    out.append('_');
                }
            }
            out.append(Character.toLowerCase(c));
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }

    static Identifier table(String entity) {
        Identifier id = checked("entity '" + entity + "'", snakeCase(entity));
        if (id.name().startsWith(INTERNAL_PREFIX)) {
            throw new IllegalArgumentException("entity '" + entity + "': table name \"" + id.name()
                    + "\" uses the prefix " + INTERNAL_PREFIX + ", which is reserved for Tidewater's own tables");
        }
        return id;
    }

    static Identifier column(String entity, String field) {
        return checked("entity '" + entity + "', field '" + field + "'", snakeCase(field));
    }

    /** The configured schema is used as written, not snake-cased: it names an existing thing. */
    static Identifier schema(String schema) {
        return checked("schema '" + schema + "'", schema);
    }

    /** {@code <table>_<column>_idx}, shortened when needed (see {@link #bounded}). */
    static Identifier index(Identifier table, Identifier column) {
        return bounded(table.name() + "_" + column.name(), "_idx");
    }

    /**
     * A derived name, or, when it would pass 63 bytes, a truncation made unique by a hash of the
     * full name: Postgres would otherwise truncate it silently and two names could collide.
     */
    private static Identifier bounded(String base, String suffix) {
        String full = base + suffix;
        if (full.length() <= Identifier.MAX_BYTES) {
            return new Identifier(full);
        }
        CRC32 crc = new CRC32();
        crc.update(full.getBytes(StandardCharsets.UTF_8));
        String tail = String.format("_%08x", crc.getValue()) + suffix;
        return new Identifier(base.substring(0, Identifier.MAX_BYTES - tail.length()) + tail);
    }

    private static Identifier checked(String what, String candidate) {
        try {
            return new Identifier(candidate);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " cannot be a Postgres name: " + e.getMessage(), e);
        }
    }
}
