package io.tidewater.app.cli;

import io.tidewater.app.config.ConfigLoader;
import io.tidewater.app.config.EnvironmentNames;
import io.tidewater.app.config.LoadedConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;

/**
 * A config built from flags, over an optional file's settings, with the environment's
 * {@code TIDEWATER_*} overrides in between: flags win over the environment, which wins over the
 * file. Flags are the most specific thing a user can say.
 */
final class FlagConfig {
    private FlagConfig() {
    }

    /**
     * @param flags  keys the flags set
     * @param file   settings read from a file; empty when none
     * @param origin how to name the flags and file in errors
     */
    static LoadedConfig load(List<ConfigDef> definitions, Map<String, String> flags, Map<String, String> file,
            Map<String, String> environment, String origin) {
        Map<String, String> settings = new LinkedHashMap<>(file);
        // A flag also wins over the file's secret-file form of its key (rpc.url.file).
        flags.keySet().forEach(k -> settings.remove(k + ConfigLoader.FILE_SUFFIX));
        settings.putAll(flags);
        Map<String, String> env = new LinkedHashMap<>(environment);
        flags.keySet().forEach(k -> {
            env.remove(EnvironmentNames.of(k));
            env.remove(EnvironmentNames.of(k) + EnvironmentNames.FILE_SUFFIX);
        });
        return new ConfigLoader(definitions, env).load(settings, origin);
    }

    static void put(Map<String, String> flags, String key, Object value) {
        if (value != null) {
            flags.put(key, value.toString());
        }
    }
}
