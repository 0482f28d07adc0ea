package io.tidewater.sink;

import io.tidewater.topology.api.EntityChange;
import java.io.InputStream;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * One table's rows for one {@code COPY ... FROM STDIN}, rendered as {@link CopyText} while the
 * COPY reads them, a chunk at a time.
 *
 * <p>Rendering before the transaction left Postgres idle while the writer decoded and rendered
 * every row (1.8 µs a row, half of what Postgres spends writing it; BENCHMARKS.md). Read as a
 * stream, the rows go out as they are rendered, and Postgres parses one chunk while the next is
 * rendered. What is rendered is kept: a retried attempt reads it again, and renders only the
 * rows the failed attempt did not reach. A change that cannot be rendered fails the read, and
 * the driver cancels the COPY before the exception reaches the transaction.
 *
 * <p>Not thread-safe: only the writer thread uses it.
 */
final class CopyRows {
    /** Bytes rendered per read, and the driver's read size: Postgres parses one chunk while the next is rendered. */
    static final int CHUNK_BYTES = 64 * 1024;

    private final RowDecoder decoder;
    private final List<EntityChange> changes;
    private final CopyText text;
    private final IntConsumer bytesPerRow;
    private int rendered;

    /**
     * @param changes the rows, in the order to write them; none a delete
     * @param bytesPerRowGuess the buffer's size per row, such as the last part's
     * @param bytesPerRow told the bytes per row once every row is rendered, for the next part's guess
     */
    CopyRows(RowDecoder decoder, List<EntityChange> changes, int bytesPerRowGuess, IntConsumer bytesPerRow) {
        this.decoder = decoder;
        this.changes = List.copyOf(changes);
        this.text = new CopyText(decoder.table().columns(), changes.size(), bytesPerRowGuess);
        this.bytesPerRow = bytesPerRow;
    }

    int rows() {
        return changes.size();
    }

    /** The rows' COPY text from its start, for one attempt's COPY. */
    InputStream open() {
        return new Reader();
    }

    /** Renders rows until {@code bytes} past {@code position} are ready, or every row is. */
    private void renderAhead(int position, int bytes) {
        while (rendered < changes.size() && text.length() - position < bytes) {
            text.add(decoder.decodeChange(changes.get(rendered)));
            rendered++;
            if (rendered == changes.size()) {
                bytesPerRow.accept(text.length() / Math.max(1, rendered) + 8);
            }
        }
    }

    private final class Reader extends InputStream {
        private int position;

        @Override
        public int read(byte[] into, int offset, int length) {
            if (length == 0) {
                return 0;
            }
            renderAhead(position, Math.max(length, CHUNK_BYTES));
            int n = Math.min(length, text.length() - position);
            if (n <= 0) {
                return -1;
            }
            System.arraycopy(text.buffer(), position, into, offset, n);
            position += n;
            return n;
        }

        @Override
        public int read() {
            renderAhead(position, 1);
            return position < text.length() ? text.buffer()[position++] & 0xff : -1;
        }
    }
}
