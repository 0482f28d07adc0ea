package io.tidewater.app.progress;

import java.util.List;

/**
 * The ANSI bytes that replace the previous frame with a new one: move the cursor up over the old
 * lines, rewrite each line and clear what is left of it, and blank lines the old frame had
 * beyond the new one.
 */
final class TerminalFrames {
    static final String CURSOR_UP = "\u001b[%dA";
    static final String CLEAR_TO_END_OF_LINE = "\u001b[K";
    static final String CLEAR_TO_END_OF_SCREEN = "\u001b[J";

    private TerminalFrames() {
    }

    /** Removes a frame of {@code lineCount} lines, leaving the cursor where its first line began. */
    static String erase(int lineCount) {
        return lineCount == 0 ? "" : String.format(CURSOR_UP, lineCount) + "\r" + CLEAR_TO_END_OF_SCREEN;
    }

    static String redraw(int previousLineCount, List<String> lines) {
        StringBuilder out = new StringBuilder();
        if (previousLineCount > 0) {
            out.append(String.format(CURSOR_UP, previousLineCount));
        }
        for (String line : lines) {
            out.append('\r').append(line).append(CLEAR_TO_END_OF_LINE).append('\n');
        }
        for (int i = lines.size(); i < previousLineCount; i++) {
            out.append('\r').append(CLEAR_TO_END_OF_LINE).append('\n');
        }
        return out.toString();
    }
}
