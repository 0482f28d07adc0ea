package io.tidewater.app.config;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A validated configuration, as {@link ConfigLoader} produced it. Build the typed configs from
 * it, e.g. {@code loaded.as(AppConfig::new)}, {@code loaded.as(TidewaterConfig::new)}; each
 * takes the keys it declares and ignores the others.
 *
 * <p>{@link #toString()} is safe to log: password-typed keys, values read from secret files
 * and credential-looking Kafka settings are shown as {@code [hidden]}.
 */
public final class LoadedConfig {
    private static final Pattern SENSITIVE_KAFKA_KEY =
            Pattern.compile(".*(password|secret|jaas|token|credential|\\.key$|keystore\\.key|private).*");

    private final Map<String, String> values;
    private final Map<String, String> kafka;
    private final Map<String, String> origins;
    private final Set<String> secretKeys;
    private final List<String> warnings;

    LoadedConfig(Map<String, String> values, Map<String, String> kafka, Map<String, String> origins,
                 Set<String> secretKeys, List<String> warnings) {
        this.values = Map.copyOf(values);
        this.kafka = Map.copyOf(kafka);
        this.origins = Map.copyOf(origins);
        this.secretKeys = Set.copyOf(secretKeys);
        this.warnings = List.copyOf(warnings);
    }

    /** The declared keys that were set, as strings; absent keys take their defaults in the typed configs. */
    public Map<String, String> values() {
        return values;
    }

    /** Settings for the Kafka clients, the {@code kafka.} prefix stripped. Apply them last. */
    public Map<String, String> kafkaProperties() {
        return kafka;
    }

    public <T> T as(Function<? super Map<String, String>, T> typedConfig) {
        return typedConfig.apply(values);
    }

    /** Where a key's value came from, e.g. "environment variable TIDEWATER_JDBC_PASSWORD"; "default" when unset. */
    public String origin(String key) {
        return origins.getOrDefault(key, "default");
    }

    /** Things worth logging that did not stop the load, such as unrecognized TIDEWATER_ variables. */
    public List<String> warnings() {
        return warnings;
    }

    @Override
    public String toString() {
        String declared = values.keySet().stream().sorted()
                // A value that is not a secret itself may still carry one: jdbc.url=...?password=...
                .map(k -> k + "=" + (secretKeys.contains(k) ? "[hidden]" : Redaction.redact(String.valueOf(values.get(k)))))
                .collect(Collectors.joining(", "));
        String passThrough = kafka.keySet().stream().sorted()
                .map(k -> ConfigLoader.KAFKA_PREFIX + k + "=" + (isSensitive(k) ? "[hidden]" : Redaction.redact(String.valueOf(kafka.get(k)))))
                .collect(Collectors.joining(", "));
        return "LoadedConfig{" + declared + (passThrough.isEmpty() ? "" : ", " + passThrough) + "}";
    }

    private boolean isSensitive(String kafkaKey) {
        return secretKeys.contains(ConfigLoader.KAFKA_PREFIX + kafkaKey)
                || SENSITIVE_KAFKA_KEY.matcher(kafkaKey.toLowerCase(Locale.ROOT)).matches();
    }
}
