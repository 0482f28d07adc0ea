package io.tidewater.app.progress;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.util.function.Consumer;

/**
 * An output stream that hands on whole lines only: bytes wait until a line break, then every
 * complete line so far goes out in one call. A flush leaves a partial line waiting (an auto-flushing
 * PrintStream flushes after every write); {@link #close()} hands it on.
 *
 * <p>Threading: safe for several writing threads (log appenders share one stream); each call hands
 * on whole lines of its own.
 */
final class LineRouter extends OutputStream {
    private final Consumer<byte[]> lines;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

    LineRouter(Consumer<byte[]> lines) {
        this.lines = lines;
    }

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) {
        int lastBreak = -1;
        for (int i = off + len - 1; i >= off; i--) {
            if (b[i] == '\n') {
                lastBreak = i;
                break;
            }
        }
        byte[] complete = null;
        synchronized (this) {
            if (lastBreak < 0) {
                pending.write(b, off, len);
            } else {
                pending.write(b, off, lastBreak - off + 1);
                complete = take();
                pending.write(b, lastBreak + 1, off + len - lastBreak - 1);
            }
        }
        handOn(complete);
    }

    /** Hands on a pending partial line: nothing written is held back for good. */
    @Override
    public void close() {
        byte[] rest;
        synchronized (this) {
            rest = take();
        }
        handOn(rest);
    }

    private byte[] take() {
        byte[] out = pending.size() == 0 ? null : pending.toByteArray();
        pending.reset();
        return out;
    }

    /** Outside this stream's lock: the consumer takes the display's, which a frame holds while it may log. */
    private void handOn(byte[] text) {
        if (text != null) {
            lines.accept(text);
        }
    }
}
