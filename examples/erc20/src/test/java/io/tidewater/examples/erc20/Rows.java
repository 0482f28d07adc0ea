package io.tidewater.examples.erc20;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;

/**
 * Puts entities, sink rows and expected JSON into one comparable form: tables of rows by id,
 * with Postgres column names, integers as Long and big integers as BigInteger.
 */
public final class Rows {
    private static final Set<String> BIG = Set.of("volume", "amount", "value");

    private Rows() {
    }

    public static String column(String field) {
        return field.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }

    public static Map<String, Object> of(IndexedRecord record) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (Schema.Field f : record.getSchema().getFields()) {
            row.put(column(f.name()), normalize(column(f.name()), record.get(f.pos()), f.schema()));
        }
        return row;
    }

    public static TreeMap<String, Map<String, Object>> table(Map<String, ? extends IndexedRecord> byId) {
        TreeMap<String, Map<String, Object>> out = new TreeMap<>();
        byId.forEach((id, r) -> out.put(id, of(r)));
        return out;
    }

    /** Reads a file like {@code erc20-reorgs.expected.json}: tables of rows sorted by id. */
    public static Map<String, TreeMap<String, Map<String, Object>>> expected(Path file) {
        try {
            JsonNode root = new ObjectMapper().readTree(file.toFile());
            Map<String, TreeMap<String, Map<String, Object>>> out = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> tables = root.fields(); tables.hasNext();) {
                Map.Entry<String, JsonNode> table = tables.next();
                TreeMap<String, Map<String, Object>> rows = new TreeMap<>();
                for (JsonNode r : table.getValue()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    r.fields().forEachRemaining(e -> row.put(e.getKey(), BIG.contains(e.getKey())
                            ? new BigInteger(e.getValue().asText())
                            : e.getValue().isNumber() ? (Object) e.getValue().asLong() : e.getValue().asText()));
                    rows.put((String) row.get("id"), row);
                }
                out.put(table.getKey(), rows);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Object normalize(String column, Object v, Schema schema) {
        if (v == null) {
            return null;
        }
        if (v instanceof BigDecimal d) {
            return d.toBigIntegerExact();
        }
        if (v instanceof ByteBuffer b && BIG.contains(column)) {
            ByteBuffer dup = b.duplicate();
            byte[] bytes = new byte[dup.remaining()];
            dup.get(bytes);
            return new BigInteger(bytes);
        }
        if (v instanceof Integer i) {
            return i.longValue();
        }
        if (v instanceof CharSequence s) {
            return s.toString();
        }
        return v;
    }
}
