package io.tidewater.app.progress;

import java.util.ArrayList;
import java.util.List;

/**
 * What a terminal shows after the bytes written to it: just enough of one to judge a display's
 * frames (printable characters, carriage return, line feed, cursor up, erase to the end of the
 * line and of the screen).
 */
final class Screen {
    private final List<StringBuilder> rows = new ArrayList<>(List.of(new StringBuilder()));
    private int row;
    private int column;

    static List<String> of(String written) {
        Screen screen = new Screen();
        screen.play(written);
        return screen.lines();
    }

    private void play(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\u001b' && i + 1 < s.length() && s.charAt(i + 1) == '[') {
                int end = i + 2;
                while (!Character.isLetter(s.charAt(end))) {
                    end++;
                }
                String arg = s.substring(i + 2, end);
                control(s.charAt(end), arg.isEmpty() ? 1 : Integer.parseInt(arg));
                i = end;
            } else if (c == '\r') {
                column = 0;
            } else if (c == '\n') {
                row++;
                column = 0;
                while (rows.size() <= row) {
                    rows.add(new StringBuilder());
                }
            } else {
                StringBuilder line = rows.get(row);
                while (line.length() < column) {
                    line.append(' ');
                }
                if (column < line.length()) {
                    line.setCharAt(column, c);
                } else {
                    line.append(c);
                }
                column++;
            }
        }
    }

    private void control(char command, int n) {
        switch (command) {
            case 'A' -> row = Math.max(0, row - n);
            case 'K' -> truncate(rows.get(row));
            case 'J' -> {
                truncate(rows.get(row));
                while (rows.size() > row + 1) {
                    rows.remove(rows.size() - 1);
                }
            }
            default -> throw new IllegalArgumentException("unexpected escape sequence ESC[" + n + command);
        }
    }

    private void truncate(StringBuilder line) {
        if (line.length() > column) {
            line.setLength(column);
        }
    }

    /** The rows with content, the cursor's empty last row left out. */
    private List<String> lines() {
        List<String> out = new ArrayList<>();
        rows.forEach(r -> out.add(r.toString()));
        while (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
            out.remove(out.size() - 1);
        }
        return out;
    }
}
