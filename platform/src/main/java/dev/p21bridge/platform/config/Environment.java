package dev.p21bridge.platform.config;

import java.util.Map;
import java.util.Properties;

/**
 * Reads {@link Setting}s from the process environment (or a map in tests). Every failure names the variable, so a
 * misconfigured service stops at start with one actionable line rather than on its first record.
 */
public final class Environment {

    /** Any Kafka client property passes through as {@code BRIDGE_KAFKA_<PROPERTY_WITH_UNDERSCORES>}. */
    static final String KAFKA_PASSTHROUGH_PREFIX = "BRIDGE_KAFKA_";

    private final Map<String, String> variables;

    public Environment(Map<String, String> variables) {
        this.variables = Map.copyOf(variables);
    }

    public static Environment system() {
        return new Environment(System.getenv());
    }

    public <T> T get(Setting<T> setting) {
        String raw = variables.get(setting.name());
        if (raw == null || raw.isBlank()) {
            if (setting.defaultValue() == null) {
                throw new ConfigException(setting.name() + " is not set: " + setting.description());
            }
            return setting.defaultValue();
        }
        try {
            return setting.parser().apply(raw);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(setting.name() + " is malformed (" + e.getMessage() + "): " + setting.description());
        }
    }

    /**
     * The pass-through Kafka client properties, e.g. {@code BRIDGE_KAFKA_SECURITY_PROTOCOL=SSL} becomes
     * {@code security.protocol=SSL}. Variables the bridge itself defines under the prefix are left out.
     */
    public Properties kafkaPassthrough(java.util.Set<String> ownNames) {
        Properties props = new Properties();
        variables.forEach((name, value) -> {
            if (name.startsWith(KAFKA_PASSTHROUGH_PREFIX) && !ownNames.contains(name)) {
                String property = name.substring(KAFKA_PASSTHROUGH_PREFIX.length()).toLowerCase().replace('_', '.');
                props.setProperty(property, value);
            }
        });
        return props;
    }

    public Map<String, String> variables() {
        return variables;
    }
}
