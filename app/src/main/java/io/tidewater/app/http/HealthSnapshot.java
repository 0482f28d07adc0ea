package io.tidewater.app.http;

import java.util.Map;
import java.util.TreeMap;

/**
 * What {@code /health} reports at one moment: healthy when every component is.
 *
 * @param components by name, e.g. {@code streams} and {@code sink}
 */
public record HealthSnapshot(Map<String, ComponentHealth> components) {
    public HealthSnapshot {
        components = new TreeMap<>(components);
    }

    public static HealthSnapshot of(Map<String, ComponentHealth> components) {
        return new HealthSnapshot(components);
    }

    public boolean healthy() {
        return components.values().stream().allMatch(ComponentHealth::healthy);
    }
}
