package io.tidewater.app.runtime;

import io.tidewater.app.config.AppConfig;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.kafka.common.config.ConfigException;

/**
 * An indexer packaged apart from Tidewater: one jar, or a directory of jars (the indexer and
 * its own libraries), in a class loader of its own. Tidewater's API, Avro and Kafka come from the
 * app: the loader asks its parent first, so an indexer built against the same Tidewater shares
 * their classes with the engine, which is what lets the engine encode its entities.
 */
public final class IndexerJars {
    private final Path path;
    private final URLClassLoader loader;

    private IndexerJars(Path path, URLClassLoader loader) {
        this.path = path;
        this.loader = loader;
    }

    /** @throws ConfigException naming the path when it is neither a jar nor a directory holding jars */
    public static IndexerJars open(Path path) {
        List<Path> jars = new ArrayList<>();
        if (Files.isDirectory(path)) {
            try (Stream<Path> files = Files.list(path)) {
                files.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().forEach(jars::add);
            } catch (IOException e) {
                throw new ConfigException(AppConfig.INDEXER_PATH_CONFIG, path.toString(), "cannot be listed: " + e.getMessage());
            }
            if (jars.isEmpty()) {
                throw new ConfigException(AppConfig.INDEXER_PATH_CONFIG, path.toString(), "holds no .jar files");
            }
        } else if (Files.isRegularFile(path) && Files.isReadable(path)) {
            jars.add(path);
        } else {
            throw new ConfigException(AppConfig.INDEXER_PATH_CONFIG, path.toString(), "is not a readable jar or directory of jars");
        }
        URL[] urls = new URL[jars.size()];
        for (int i = 0; i < urls.length; i++) {
            try {
                urls[i] = jars.get(i).toUri().toURL();
            } catch (MalformedURLException e) {
                throw new ConfigException(AppConfig.INDEXER_PATH_CONFIG, jars.get(i).toString(), "is not a valid location: " + e);
            }
        }
        return new IndexerJars(path, new URLClassLoader("indexer " + path.getFileName(), urls, IndexerJars.class.getClassLoader()));
    }

    ClassLoader loader() {
        return loader;
    }

    String describe() {
        return path.toString();
    }
}
