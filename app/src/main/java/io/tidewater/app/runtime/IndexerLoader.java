package io.tidewater.app.runtime;

import io.tidewater.app.config.AppConfig;
import io.tidewater.topology.Subscriptions;
import io.tidewater.topology.api.Indexer;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.ConfigException;

/**
 * Finds the indexer to run: in the jars of {@code indexer.path} when given, else on the class
 * path; a class named by {@code indexer.class}, or the one {@link ServiceLoader} finds. Several
 * found and none named is an error listing them: the choice is the user's, not ours. The indexer
 * is checked before anything starts, so an invalid signature or ABI stops startup naming it.
 */
public final class IndexerLoader {
    private IndexerLoader() {
    }

    public static Indexer load(Optional<String> className, Optional<IndexerJars> jars) {
        Indexer indexer = className.isPresent()
                ? instantiate(className.get(), jars.map(IndexerJars::loader).orElse(IndexerLoader.class.getClassLoader()))
                : discover(jars);
        try {
            indexer.entities();
            Subscriptions.of(indexer);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("indexer " + indexer.name() + " (" + indexer.getClass().getName() + ") is invalid: "
                    + e.getMessage());
        }
        return indexer;
    }

    private static Indexer discover(Optional<IndexerJars> jars) {
        ClassLoader loader = jars.map(IndexerJars::loader).orElse(IndexerLoader.class.getClassLoader());
        List<Indexer> found = ServiceLoader.load(Indexer.class, loader).stream()
                // The app's own (the bundled example) are visible through the jars' parent: not theirs.
                .filter(p -> jars.isEmpty() || p.type().getClassLoader() == loader)
                .map(ServiceLoader.Provider::get)
                .toList();
        String where = jars.map(j -> "in " + j.describe()).orElse("on the class path");
        if (found.isEmpty()) {
            throw new ConfigException("no Indexer " + where + ": register one in META-INF/services/" + Indexer.class.getName()
                    + (jars.isEmpty() ? " or give its jar with " + AppConfig.INDEXER_PATH_CONFIG + " / --indexer-jar" : ""));
        }
        if (found.size() > 1) {
            throw new ConfigException("several indexers " + where + " ("
                    + found.stream().map(i -> i.getClass().getName()).collect(Collectors.joining(", "))
                    + "): name one with " + AppConfig.INDEXER_CLASS_CONFIG + " / --indexer");
        }
        return found.get(0);
    }

    private static Indexer instantiate(String className, ClassLoader loader) {
        Class<?> type;
        try {
            type = Class.forName(className, true, loader);
        } catch (ClassNotFoundException e) {
            throw new ConfigException(AppConfig.INDEXER_CLASS_CONFIG, className, "no such class");
        }
        if (!Indexer.class.isAssignableFrom(type)) {
            throw new ConfigException(AppConfig.INDEXER_CLASS_CONFIG, className, "does not implement " + Indexer.class.getName());
        }
        try {
            return (Indexer) type.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new ConfigException(AppConfig.INDEXER_CLASS_CONFIG, className,
                    "cannot be instantiated with a public no-argument constructor: " + e);
        }
    }
}
