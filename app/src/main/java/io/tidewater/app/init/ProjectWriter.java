package io.tidewater.app.init;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/** Writes a project's files into a directory that must be new or empty. */
final class ProjectWriter {
    private ProjectWriter() {
    }

    /** @return the files written, relative to {@code dir} */
    static Map<String, String> write(Path dir, ProjectSpec spec) throws IOException {
        refuseNonEmpty(dir);
        String pkg = spec.javaPackage().replace('.', '/');
        Map<String, String> files = new LinkedHashMap<>();
        files.put("pom.xml", PomFile.render(spec));
        files.put("README.md", ReadmeFile.render(spec));
        files.put(".gitignore", "target/\n");
        files.put("src/main/avro/" + spec.name() + ".avsc", SchemaFile.render(spec));
        files.put("src/main/java/" + pkg + "/" + spec.indexerClass() + ".java", IndexerSource.render(spec));
        files.put("src/main/resources/META-INF/services/io.tidewater.topology.api.Indexer",
                spec.javaPackage() + "." + spec.indexerClass() + "\n");
        spec.abi().ifPresent(abi -> files.put("src/main/resources/" + abi.resource(), abi.json()));
        files.put("src/test/java/" + pkg + "/" + spec.indexerClass() + "Test.java", IndexerTestSource.render(spec));
        files.put("src/test/resources/logback-test.xml", """
                <configuration>
                  <appender name="STDOUT" class="ch.qos.logback.core.ConsoleAppender">
                    <encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{24} - %msg%n</pattern></encoder>
                  </appender>
                  <!-- The test kit keeps each test's state in a temporary directory on purpose; Kafka warns about that. -->
                  <logger name="org.apache.kafka.streams.processor.internals.StateDirectory" level="ERROR"/>
                  <root level="WARN"><appender-ref ref="STDOUT"/></root>
                </configuration>
                """);
        for (Map.Entry<String, String> f : files.entrySet()) {
            Path file = dir.resolve(f.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, f.getValue(), StandardCharsets.UTF_8);
        }
        return files;
    }

    private static void refuseNonEmpty(Path dir) throws IOException {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IllegalArgumentException(dir + " is a file, not a directory");
        }
        if (Files.isDirectory(dir)) {
            try (Stream<Path> entries = Files.list(dir)) {
                if (entries.findAny().isPresent()) {
                    throw new IllegalArgumentException(dir + " is not empty; init writes a new project into an empty or new directory");
                }
            }
        }
    }
}
