package io.tidewater.serdes;

import io.tidewater.serdes.wire.InputRecord;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The forms the input topic's values may take; all map onto the same {@link InputRecord}s. */
public enum InputFormat {
    /** Plain Avro binary of {@link InputRecord}. */
    AVRO("avro"),
    /** Tidewater's JSON: one object per record, of kind log, block or reorg. */
    JSON("json"),
    /** The log and block objects of {@code eth_getLogs} and {@code eth_getBlockByNumber}. */
    RPC("rpc"),
    /** The log and block items of {@code ethereumetl stream --output kafka}. */
    ETHEREUM_ETL("ethereum-etl");

    private final String label;

    InputFormat(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Whether this is a third-party layout, read but never written by Tidewater. */
    public boolean isLayout() {
        return this == RPC || this == ETHEREUM_ETL;
    }

    public static String[] labels() {
        return Arrays.stream(values()).map(InputFormat::label).toArray(String[]::new);
    }

    public static InputFormat parse(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        for (InputFormat f : values()) {
            if (f.label.equals(wanted)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown input format '" + name + "'; expected one of "
                + Arrays.stream(values()).map(InputFormat::label).collect(Collectors.joining(", ")));
    }
}
