package io.tidewater.app.runtime;

import io.tidewater.topology.api.Indexer;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.ConfigException;

/** Finds the indexer to run: a class named by the user, or the one {@link ServiceLoader} finds. */
public final class IndexerLoader {
    private IndexerLoader() {
    }

    public static Indexer load(Optional<String> className) {
        if (className.isPresent()) {
            return instantiate(className.get());
        }
        List<Indexer> found = ServiceLoader.load(Indexer.class).stream().map(ServiceLoader.Provider::get).toList();
        if (found.isEmpty()) {
            throw new ConfigException("no Indexer on the classpath: register one in META-INF/services/"
                    + Indexer.class.getName() + " or name it with indexer.class / --indexer");
        }
        if (found.size() > 1) {
            return found.stream().filter(i -> i.getClass().getName().equals("io.tidewater.examples.erc20.Erc20Indexer"))
                    .findFirst()
                    .orElseThrow(() -> new ConfigException("several indexers on the classpath ("
                            + found.stream().map(i -> i.getClass().getName()).collect(Collectors.joining(", "))
                            + "): name one with indexer.class / --indexer"));
        }
        return found.get(0);
    }

    private static Indexer instantiate(String className) {
        Class<?> type;
        try {
            type = Class.forName(className);
        } catch (ClassNotFoundException e) {
            throw new ConfigException("indexer.class", className, "no such class on the classpath");
        }
        if (!Indexer.class.isAssignableFrom(type)) {
            throw new ConfigException("indexer.class", className, "does not implement " + Indexer.class.getName());
        }
        try {
            return (Indexer) type.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new ConfigException("indexer.class", className, "cannot be instantiated with a public no-argument constructor: " + e);
        }
    }
}
