package io.tidewater.sink;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.util.Utf8;

/**
 * Renders a table's rows (new or upserted) as the data of {@code COPY ... FROM STDIN} in text format,
 * straight into UTF-8 bytes: one line per row, columns separated by tabs, {@code \N} for NULL,
 * and a backslash escape for each backslash, newline, carriage return and tab in a value.
 *
 * <p>Each value is the same text the {@code unnest} path binds (the column type's
 * {@link ColumnType#appendText}), encoded the same way ({@link String#getBytes} in UTF-8), so
 * Postgres reads the same values either way. Two shortcuts skip the intermediate strings
 * without changing a byte: integers print their digits directly, and ASCII-only text (the
 * usual ids, addresses and hashes) is copied byte by byte.
 *
 * <p>Not thread-safe: only the writer thread uses it.
 */
final class CopyText {
    private final List<Column> columns;
    private final StringBuilder value = new StringBuilder(64);
    private byte[] buf;
    private int len;
    private int rows;

    /** @param bytesPerRow a guess, such as the last batch's; the buffer grows when it is short */
    CopyText(List<Column> columns, int expectedRows, int bytesPerRow) {
        this.columns = columns;
        this.buf = new byte[(int) Math.min(Integer.MAX_VALUE - 16, Math.max(256L, (long) expectedRows * bytesPerRow))];
    }

    void add(GenericRecord record) {
        for (int i = 0; i < columns.size(); i++) {
            if (i > 0) {
                put((byte) '\t');
            }
            Column column = columns.get(i);
            Object v = record.get(column.position());
            if (v == null) {
                ensure(2);
                buf[len++] = '\\';
                buf[len++] = 'N';
            } else if (column.type() == ScalarType.BIGINT || column.type() == ScalarType.INTEGER) {
                putLong(((Number) v).longValue());
            } else if (column.type() == ScalarType.TEXT && v instanceof Utf8 utf8) {
                putEscaped(utf8);
            } else if (column.type() == ScalarType.TEXT && v instanceof String s) {
                putEscaped(s);
            } else {
                value.setLength(0);
                column.type().appendText(v, value);
                putEscaped(value);
            }
        }
        put((byte) '\n');
        rows++;
    }

    int rows() {
        return rows;
    }

    /** The rendered rows: the first {@link #length()} bytes of this buffer, not copied. */
    byte[] buffer() {
        return buf;
    }

    int length() {
        return len;
    }

    private void putEscaped(Utf8 utf8) {
        byte[] bytes = utf8.getBytes();
        int n = utf8.getByteLength();
        for (int i = 0; i < n; i++) {
            if (bytes[i] < 0) {
                // Not ASCII: through a String, as the unnest path does, so that malformed
                // UTF-8 is replaced exactly as there.
                putEscaped(utf8.toString());
                return;
            }
        }
        ensure(2 * n);
        for (int i = 0; i < n; i++) {
            putAscii((char) bytes[i]);
        }
    }

    private void putEscaped(CharSequence s) {
        int n = s.length();
        ensure(2 * n);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                putEscapedUnicode(s.subSequence(i, n).toString());
                return;
            }
            putAscii(c);
        }
    }

    /** The rest of a value from its first non-ASCII character; the escapes are all ASCII. */
    private void putEscapedUnicode(String rest) {
        StringBuilder escaped = new StringBuilder(rest.length() + 8);
        for (int i = 0; i < rest.length(); i++) {
            char c = rest.charAt(i);
            switch (c) {
                case '\\' -> escaped.append("\\\\");
                case '\n' -> escaped.append("\\n");
                case '\r' -> escaped.append("\\r");
                case '\t' -> escaped.append("\\t");
                default -> escaped.append(c);
            }
        }
        byte[] bytes = escaped.toString().getBytes(StandardCharsets.UTF_8);
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buf, len, bytes.length);
        len += bytes.length;
    }

    /** Capacity for two bytes must have been ensured. */
    private void putAscii(char c) {
        switch (c) {
            case '\\' -> {
                buf[len++] = '\\';
                buf[len++] = '\\';
            }
            case '\n' -> {
                buf[len++] = '\\';
                buf[len++] = 'n';
            }
            case '\r' -> {
                buf[len++] = '\\';
                buf[len++] = 'r';
            }
            case '\t' -> {
                buf[len++] = '\\';
                buf[len++] = 't';
            }
            default -> buf[len++] = (byte) c;
        }
    }

    /** The digits {@link Long#toString(long)} prints. */
    private void putLong(long v) {
        if (v == Long.MIN_VALUE) {
            putEscaped(Long.toString(v));
            return;
        }
        ensure(20);
        if (v < 0) {
            buf[len++] = '-';
            v = -v;
        }
        int digits = 1;
        for (long t = v; t >= 10; t /= 10) {
            digits++;
        }
        int end = len + digits;
        for (int p = end - 1; p >= len; p--) {
            buf[p] = (byte) ('0' + (int) (v % 10));
            v /= 10;
        }
        len = end;
    }

    private void put(byte b) {
        ensure(1);
        buf[len++] = b;
    }

    private void ensure(int more) {
        if (len + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
        }
    }
}
