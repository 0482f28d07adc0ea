package io.tidewater.serdes;

import io.tidewater.serdes.wire.InputRecord;
import java.util.Locale;

/** The two interchangeable forms of the input topic's values. */
public enum InputFormat {
    /** Plain Avro binary of {@link InputRecord}. */
    AVRO,
    /** One JSON object per record, as in DESIGN §3. */
    JSON;

    public static InputFormat parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown input format '" + name + "'; expected avro or json", e);
        }
    }
}
