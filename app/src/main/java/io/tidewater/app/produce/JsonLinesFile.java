package io.tidewater.app.produce;

import io.tidewater.serdes.JsonLines;
import io.tidewater.serdes.MalformedRecordException;
import io.tidewater.serdes.wire.InputRecord;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Reads a JSON-lines input file (docs/architecture.md, The input topic), one record a line, with line numbers for errors.
 * Blank lines are not records and are passed over; every other line must parse.
 */
public final class JsonLinesFile {
    private final Path path;

    public JsonLinesFile(Path path) {
        this.path = path;
    }

    public Path path() {
        return path;
    }

    /**
     * Hands each valid record to {@code onRecord}, in file order. A malformed line goes to
     * {@code onInvalid}, which may throw to stop reading.
     */
    public void read(Consumer<InputRecord> onRecord, Consumer<InvalidLineException> onInvalid) throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            String line;
            long number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                InputRecord record;
                try {
                    record = JsonLines.parse(line);
                } catch (MalformedRecordException e) {
                    onInvalid.accept(new InvalidLineException(path.toString(), number, e));
                    continue;
                }
                onRecord.accept(record);
            }
        }
    }

    /** Reads the whole file and throws on its first malformed line. */
    public long validate() throws IOException {
        long[] count = {0};
        read(r -> count[0]++, e -> {
            throw e;
        });
        return count[0];
    }
}
