package dev.p21bridge.schemas.serde;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.config.ConfigException;

/**
 * The Kafka client properties the Avro serdes understand, with Confluent's names so the same properties work with
 * Confluent's own serdes.
 *
 * @param registryUrl  {@value #SCHEMA_REGISTRY_URL}, when set
 * @param userInfo     {@value #BASIC_AUTH_USER_INFO} ({@code user:password}), when set
 * @param autoRegister {@value #AUTO_REGISTER_SCHEMAS}, default true; false looks the schema up instead
 * @param recordType   the generated class to read into: {@value #SPECIFIC_VALUE_TYPE} (or {@value #VALUE_TYPE});
 *                     the {@code key} variants for a key serde
 */
record AvroSerdeConfig(Optional<String> registryUrl, Optional<String> userInfo, Optional<Boolean> autoRegister,
                       Optional<Class<? extends SpecificRecord>> recordType) {

    static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
    static final String BASIC_AUTH_USER_INFO = "basic.auth.user.info";
    static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";
    static final String SPECIFIC_KEY_TYPE = "specific.avro.key.type";
    static final String SPECIFIC_VALUE_TYPE = "specific.avro.value.type";
    static final String KEY_TYPE = "key.type";
    static final String VALUE_TYPE = "value.type";

    /** Reads the settings; a malformed one throws {@link ConfigException} naming it. */
    static AvroSerdeConfig from(Map<String, ?> configs, boolean isKey) {
        Optional<String> url = text(configs, SCHEMA_REGISTRY_URL);
        Optional<String> userInfo = text(configs, BASIC_AUTH_USER_INFO);
        Optional<Boolean> autoRegister = text(configs, AUTO_REGISTER_SCHEMAS).map(value -> {
            if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
                throw new ConfigException(AUTO_REGISTER_SCHEMAS, value, "must be true or false");
            }
            return Boolean.parseBoolean(value);
        });
        String typeProperty = isKey ? SPECIFIC_KEY_TYPE : SPECIFIC_VALUE_TYPE;
        Optional<Class<? extends SpecificRecord>> type = recordType(configs, typeProperty)
                .or(() -> recordType(configs, isKey ? KEY_TYPE : VALUE_TYPE));
        return new AvroSerdeConfig(url, userInfo, autoRegister, type);
    }

    /** A client for the configured registry; {@link ConfigException} when no URL is set. */
    SchemaRegistryClient newClient() {
        String url = registryUrl.orElseThrow(() -> new ConfigException(SCHEMA_REGISTRY_URL + " is missing"));
        return new SchemaRegistryClient(url, userInfo.orElse(null), Duration.ofSeconds(10));
    }

    private static Optional<String> text(Map<String, ?> configs, String name) {
        Object value = configs.get(name);
        return value == null || value.toString().isBlank() ? Optional.empty() : Optional.of(value.toString().trim());
    }

    private static Optional<Class<? extends SpecificRecord>> recordType(Map<String, ?> configs, String name) {
        Object value = configs.get(name);
        if (value == null) {
            return Optional.empty();
        }
        Class<?> type;
        if (value instanceof Class<?> given) {
            type = given;
        } else {
            try {
                type = Class.forName(value.toString().trim(), true, Thread.currentThread().getContextClassLoader() != null
                        ? Thread.currentThread().getContextClassLoader() : AvroSerdeConfig.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new ConfigException(name, value, "no such class");
            }
        }
        if (!SpecificRecord.class.isAssignableFrom(type)) {
            throw new ConfigException(name, value, "not a generated Avro SpecificRecord class");
        }
        return Optional.of(type.asSubclass(SpecificRecord.class));
    }
}
