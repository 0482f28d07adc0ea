package io.tidewater.app.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.kafka.common.config.ConfigException;

/**
 * Reads a secret from a file, as Docker and Kubernetes mount them. A trailing line break is
 * dropped because editors and {@code echo} add one; other whitespace is kept as part of the
 * secret.
 */
final class SecretFiles {
    private SecretFiles() {
    }

    static String read(String key, String file, String origin) {
        try {
            String content = Files.readString(Path.of(file), StandardCharsets.UTF_8);
            return stripLineBreak(content);
        } catch (IOException | RuntimeException e) {
            throw new ConfigException("config key '" + key + "': cannot read its secret file '" + file + "' (from " + origin
                    + "): " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage()));
        }
    }

    static String stripLineBreak(String s) {
        if (s.endsWith("\r\n")) {
            return s.substring(0, s.length() - 2);
        }
        if (s.endsWith("\n")) {
            return s.substring(0, s.length() - 1);
        }
        return s;
    }
}
