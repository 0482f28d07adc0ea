package io.tidewater.topology.internals.faults;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Appends signals to a file, one JSON object a line: {@code {"signal":"halted","time":...,"point":"mid-rollback"}}.
 * Each line is one append of its own, written through before the call returns: a halt may follow
 * at once, and the topology's and the sink's hooks append to the same file.
 *
 * <p>Threading: synchronized.
 */
final class FaultSignals {
    static final FaultSignals NONE = new FaultSignals(null);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path path;

    private FaultSignals(Path path) {
        this.path = path;
    }

    static FaultSignals appendingTo(String path) {
        return new FaultSignals(Path.of(path));
    }

    synchronized void write(String name, Map<String, Object> fields) {
        if (path == null) {
            return;
        }
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("signal", name);
        line.put("time", System.currentTimeMillis());
        line.putAll(fields);
        try {
            Files.write(path, (JSON.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8), StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND, StandardOpenOption.WRITE, StandardOpenOption.SYNC);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("signal " + name + " has fields that are not JSON: " + fields, e);
        } catch (IOException e) {
            // The test that asked for signals will miss this one and say so; the process goes on.
            System.err.println("tidewater: cannot append the " + name + " signal to " + path + ": " + e.getMessage());
        }
    }
}
