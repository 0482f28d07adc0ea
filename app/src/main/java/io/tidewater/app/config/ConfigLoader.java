package io.tidewater.app.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.ConfigKey;
import org.apache.kafka.common.config.ConfigException;

/**
 * Loads the configuration of {@code tidewater run}: a properties file, overridden key by key by
 * the environment, validated against the {@link ConfigDef}s it is given (the app's, the
 * topology's, the sink's). Every failure is a {@link ConfigException} with a one-line message
 * that names the key and where its value came from.
 *
 * <ul>
 *   <li><b>Environment.</b> {@code TIDEWATER_<KEY>} overrides {@code <key>}, the key upper-cased
 *       with {@code .} and {@code -} as {@code _} (see {@link EnvironmentNames}).</li>
 *   <li><b>Secrets from files.</b> {@code <key>.file=/path} in the properties file, or
 *       {@code TIDEWATER_<KEY>_FILE=/path}, reads the value from that file (one trailing line
 *       break dropped). Setting a key both ways in one source is an error.</li>
 *   <li><b>Kafka pass-through.</b> {@code kafka.<client key>} goes to the Kafka clients with the
 *       prefix stripped, unvalidated here ({@code kafka.security.protocol=SASL_SSL}); from the
 *       environment as {@code TIDEWATER_KAFKA_SECURITY_PROTOCOL}.</li>
 *   <li><b>Unknown keys</b> in the file are errors, with the closest declared key suggested.
 *       Unknown {@code TIDEWATER_*} variables only produce {@link LoadedConfig#warnings()}:
 *       orchestrators inject variables of that shape (Kubernetes service links) that are no
 *       typo of ours.</li>
 * </ul>
 *
 * <p>The environment is passed in, so that tests and embedded callers never read the real one.
 */
public final class ConfigLoader {
    public static final String KAFKA_PREFIX = "kafka.";
    public static final String FILE_SUFFIX = ".file";

    private final List<ConfigDef> definitions;
    private final Map<String, ConfigKey> keys = new TreeMap<>();
    private final Map<String, String> keyByVariable = new HashMap<>();
    private final Map<String, String> environment;

    public ConfigLoader(List<ConfigDef> definitions, Map<String, String> environment) {
        this.definitions = List.copyOf(definitions);
        this.environment = new TreeMap<>(environment);
        for (ConfigDef def : this.definitions) {
            for (ConfigKey key : def.configKeys().values()) {
                if (key.name.startsWith(KAFKA_PREFIX)) {
                    throw new IllegalArgumentException("config key '" + key.name + "' uses the reserved prefix " + KAFKA_PREFIX);
                }
                keys.putIfAbsent(key.name, key);
                String variable = EnvironmentNames.of(key.name);
                String previous = keyByVariable.putIfAbsent(variable, key.name);
                if (previous != null && !previous.equals(key.name)) {
                    throw new IllegalArgumentException("config keys '" + previous + "' and '" + key.name
                            + "' both map to environment variable " + variable);
                }
            }
        }
    }

    /** Loads {@code file}, then applies the environment. */
    public LoadedConfig load(Path file) {
        return load(readProperties(file), "'" + file + "'");
    }

    /**
     * Loads settings given as a map (for commands that build their config from flags), then
     * applies the environment.
     *
     * @param origin how to name this source in errors, e.g. "command-line options"
     */
    public LoadedConfig load(Map<String, String> properties, String origin) {
        Map<String, Setting> settings = new TreeMap<>(fromProperties(properties, origin));
        List<String> warnings = new ArrayList<>();
        settings.putAll(fromEnvironment(warnings));

        Map<String, String> values = new TreeMap<>();
        Map<String, String> kafka = new TreeMap<>();
        Map<String, String> origins = new TreeMap<>();
        Set<String> secrets = new TreeSet<>();
        for (Setting s : settings.values()) {
            boolean passThrough = s.key().startsWith(KAFKA_PREFIX);
            String value = s.resolve();
            if (passThrough) {
                kafka.put(s.key().substring(KAFKA_PREFIX.length()), value);
            } else {
                validate(keys.get(s.key()), value, s);
                values.put(s.key(), value);
            }
            origins.put(s.key(), s.describeOrigin());
            if (s.fromFile()) {
                secrets.add(s.key());
            }
        }
        requirePresent(values, origin);
        definitions.forEach(def -> def.parse(values));
        keys.values().stream().filter(k -> k.type == ConfigDef.Type.PASSWORD).forEach(k -> secrets.add(k.name));
        return new LoadedConfig(values, kafka, origins, secrets, warnings);
    }

    private static Map<String, String> readProperties(Path file) {
        Properties props = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            props.load(reader);
        } catch (NoSuchFileException e) {
            throw new ConfigException("config file '" + file + "' not found");
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigException("config file '" + file + "' cannot be read: " + e.getMessage());
        }
        Map<String, String> map = new LinkedHashMap<>();
        props.stringPropertyNames().forEach(k -> map.put(k, props.getProperty(k)));
        return map;
    }

    private Map<String, Setting> fromProperties(Map<String, String> properties, String origin) {
        Map<String, Setting> out = new TreeMap<>();
        for (Map.Entry<String, String> e : new TreeMap<>(properties).entrySet()) {
            String key = e.getKey();
            if (keys.containsKey(key)) {
                put(out, Setting.value(key, e.getValue(), origin));
            } else if (key.endsWith(FILE_SUFFIX) && isSettable(base(key))) {
                put(out, Setting.secretFile(base(key), e.getValue(), origin + " (" + key + ")"));
            } else if (isPassThrough(key)) {
                put(out, Setting.value(key, e.getValue(), origin));
            } else {
                throw unknownKey(key, origin);
            }
        }
        return out;
    }

    private Map<String, Setting> fromEnvironment(List<String> warnings) {
        Map<String, Setting> out = new TreeMap<>();
        for (Map.Entry<String, String> e : environment.entrySet()) {
            String variable = e.getKey();
            if (!variable.startsWith(EnvironmentNames.PREFIX)) {
                continue;
            }
            String origin = "environment variable " + variable;
            String fileVariable = variable.endsWith(EnvironmentNames.FILE_SUFFIX)
                    ? variable.substring(0, variable.length() - EnvironmentNames.FILE_SUFFIX.length()) : null;
            if (keyByVariable.containsKey(variable)) {
                put(out, Setting.value(keyByVariable.get(variable), e.getValue(), origin));
            } else if (fileVariable != null && keyByVariable.containsKey(fileVariable)) {
                put(out, Setting.secretFile(keyByVariable.get(fileVariable), e.getValue(), origin));
            } else if (fileVariable != null && EnvironmentNames.isKafka(fileVariable)) {
                put(out, Setting.secretFile(EnvironmentNames.kafkaKey(fileVariable), e.getValue(), origin));
            } else if (EnvironmentNames.isKafka(variable)) {
                put(out, Setting.value(EnvironmentNames.kafkaKey(variable), e.getValue(), origin));
            } else if (!EnvironmentNames.isForeign(variable)) {
                warnings.add("ignoring environment variable " + variable + ": it maps to no config key"
                        + KeySuggestions.closest(variable, keyByVariable.keySet()).map(v -> " (did you mean " + v + "?)").orElse(""));
            }
        }
        return out;
    }

    private static void put(Map<String, Setting> settings, Setting s) {
        Setting previous = settings.putIfAbsent(s.key(), s);
        if (previous != null) {
            throw new ConfigException("config key '" + s.key() + "' is set twice: by " + previous.origin() + " and by "
                    + s.origin() + "; keep one");
        }
    }

    private static void validate(ConfigKey key, String value, Setting source) {
        try {
            Object parsed = ConfigDef.parseType(key.name, value, key.type);
            if (key.validator != null) {
                key.validator.ensureValid(key.name, parsed);
            }
        } catch (ConfigException e) {
            throw new ConfigException(e.getMessage() + " (from " + source.describeOrigin() + ")");
        }
    }

    private void requirePresent(Map<String, String> values, String origin) {
        for (ConfigKey key : keys.values()) {
            if (!key.hasDefault() && !values.containsKey(key.name)) {
                throw new ConfigException("missing required config key '" + key.name + "': set it in " + origin
                        + " or as " + EnvironmentNames.of(key.name));
            }
        }
    }

    private ConfigException unknownKey(String key, String origin) {
        String suggestion = key.endsWith(FILE_SUFFIX)
                ? KeySuggestions.closest(base(key), keys.keySet()).map(k -> k + FILE_SUFFIX).orElse(null)
                : KeySuggestions.closest(key, keys.keySet()).orElse(null);
        return new ConfigException("unknown config key '" + key + "' in " + origin
                + (suggestion == null ? "" : "; did you mean '" + suggestion + "'?"));
    }

    private boolean isSettable(String key) {
        return keys.containsKey(key) || isPassThrough(key);
    }

    private static boolean isPassThrough(String key) {
        return key.startsWith(KAFKA_PREFIX) && key.length() > KAFKA_PREFIX.length();
    }

    private static String base(String fileKey) {
        return fileKey.substring(0, fileKey.length() - FILE_SUFFIX.length());
    }
}
