package io.tidewater.sink;

import java.math.BigDecimal;
import java.nio.ByteBuffer;

/** The Postgres types that Avro primitives map to. */
enum ScalarType implements ColumnType {
    TEXT("text"),
    BOOLEAN("boolean") {
        @Override
        public void appendText(Object value, StringBuilder out) {
            out.append((Boolean) value ? 't' : 'f');
        }
    },
    INTEGER("integer"),
    BIGINT("bigint"),
    /** Java prints NaN and ±Infinity the way Postgres reads them, and round-trips every double. */
    DOUBLE("double precision"),
    REAL("real"),
    /** From Avro bytes with a decimal logical type; uint256 values need the full 78 digits. */
    NUMERIC("numeric") {
        @Override
        public void appendText(Object value, StringBuilder out) {
            out.append(((BigDecimal) value).toPlainString());
        }
    },
    BYTEA("bytea") {
        private static final char[] HEX = "0123456789abcdef".toCharArray();

        @Override
        public void appendText(Object value, StringBuilder out) {
            ByteBuffer bytes = ((ByteBuffer) value).duplicate();
            out.append("\\x");
            while (bytes.hasRemaining()) {
                int b = bytes.get() & 0xff;
                out.append(HEX[b >>> 4]).append(HEX[b & 0xf]);
            }
        }
    };

    private final String sqlType;

    ScalarType(String sqlType) {
        this.sqlType = sqlType;
    }

    @Override
    public String sqlType() {
        return sqlType;
    }

    /** Strings (Avro's Utf8 included) and numbers print as themselves. */
    @Override
    public void appendText(Object value, StringBuilder out) {
        out.append(value);
    }
}
