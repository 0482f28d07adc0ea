package io.tidewater.app.init;

import io.tidewater.topology.api.EventParam;

/**
 * How an event parameter becomes a column: its Avro type (and so its Postgres type), how the
 * handler reads it from {@code Params}, and a value of its type for the generated tests.
 */
enum ParamKind {
    /** intN and uintN: numeric. */
    INTEGER,
    BOOLEAN,
    ADDRESS,
    /** string, bytes, bytesN, and indexed dynamic values (their hash): text. */
    TEXT,
    /** Arrays and tuples: JSON text. */
    JSON,
    /** fixedMxN and ufixedMxN: their decimal text. */
    DECIMAL_TEXT;

    static ParamKind of(EventParam p) {
        String t = p.type();
        if (p.hashed()) {
            return TEXT;
        }
        if (t.endsWith("]") || t.startsWith("(")) {
            return JSON;
        }
        if (t.startsWith("int") || t.startsWith("uint")) {
            return INTEGER;
        }
        if (t.startsWith("fixed") || t.startsWith("ufixed")) {
            return DECIMAL_TEXT;
        }
        return switch (t) {
            case "bool" -> BOOLEAN;
            case "address" -> ADDRESS;
            default -> TEXT;
        };
    }

    /** The field's Avro type, as JSON. */
    String avroType() {
        return switch (this) {
            case INTEGER -> "{\"type\": \"bytes\", \"logicalType\": \"decimal\", \"precision\": 78, \"scale\": 0}";
            case BOOLEAN -> "\"boolean\"";
            default -> "\"string\"";
        };
    }

    /** A Java expression reading parameter {@code name} from a {@code Params p}. */
    String read(String name) {
        String quoted = Java.quote(name);
        return switch (this) {
            case INTEGER -> "new BigDecimal(p.bigInteger(" + quoted + "))";
            case BOOLEAN -> "p.bool(" + quoted + ")";
            case ADDRESS -> "p.address(" + quoted + ")";
            case TEXT -> "p.string(" + quoted + ")";
            case JSON -> "p.json(" + quoted + ")";
            case DECIMAL_TEXT -> "String.valueOf(p.get(" + quoted + "))";
        };
    }
}
