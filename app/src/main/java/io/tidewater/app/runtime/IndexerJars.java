package io.tidewater.app.runtime;

import io.tidewater.topology.api.Indexer;
import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.config.ConfigException;

/**
 * Loads an indexer from a jar of its own, in a class loader of its own whose parent is the app's
 * (so the indexer sees Tidewater's API, and the jar holds only the indexer and what it adds).
 * The jar's indexer is the one its {@code META-INF/services} registers, or the class named.
 * Errors name the jar.
 */
public final class IndexerJars {
    private static final String SERVICES = "META-INF/services/" + Indexer.class.getName();
    private IndexerJars() {
    }

    public static Indexer load(Path jar, Optional<String> className) {
        if (!Files.isRegularFile(jar) || !Files.isReadable(jar)) {
            throw new ConfigException("indexer.jar", jar.toString(), "is not a readable file");
        }
        URLClassLoader loader;
        try {
            loader = new URLClassLoader("indexer:" + jar.getFileName(), new URL[] {jar.toUri().toURL()}, IndexerJars.class.getClassLoader());
        } catch (MalformedURLException e) {
            throw new ConfigException("indexer.jar", jar.toString(), "cannot be opened: " + e.getMessage());
        }
        if (className.isPresent()) {
            try {
                Class<?> type = Class.forName(className.get(), true, loader);
                return (Indexer) type.getDeclaredConstructor().newInstance();
            } catch (ReflectiveOperationException | ClassCastException | LinkageError e) {
                throw new ConfigException("indexer.jar", jar.toString(), "has no usable Indexer class " + className.get() + ": " + e);
            }
        }
        // A service loader would also find the app's own indexers (the ERC20 example): read the jar's registration only.
        List<String> registered = registered(loader, jar);
        if (registered.size() != 1) {
            throw new ConfigException("indexer.jar", jar.toString(), registered.isEmpty()
                    ? "registers no Indexer in " + SERVICES
                    : "registers several indexers (" + String.join(", ", registered) + "); name one with --indexer");
        }
        return load(jar, Optional.of(registered.get(0)));
    }

    private static List<String> registered(URLClassLoader loader, Path jar) {
        List<String> names = new ArrayList<>();
        try {
            for (URL url : Collections.list(loader.findResources(SERVICES))) {
                try (InputStream in = url.openStream()) {
                    for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\\R")) {
                        String name = line.replaceAll("#.*", "").trim();
                        if (!name.isEmpty()) {
                            names.add(name);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new ConfigException("indexer.jar", jar.toString(), "cannot be read: " + e.getMessage());
        }
        return names;
    }
}
