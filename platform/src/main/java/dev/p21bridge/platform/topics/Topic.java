package dev.p21bridge.platform.topics;

import java.time.Duration;
import java.util.Optional;

/**
 * A topic the bridge owns: its name, how it is laid out, and the type of its values, so code refers to
 * {@code Topics.CANONICAL_ORDERS} and never to a name string (the Confluent microservices sample's {@code Topic<K,V>}).
 * Keys are always UTF-8 strings (docs/contract.md, section 'Topics').
 *
 * @param valueType {@code byte[].class} for raw, retry and dead-letter topics; the generated Avro class otherwise
 * @param retention {@code null} keeps the broker default; ignored for compacted topics
 */
public record Topic<V>(String name, int partitions, boolean compacted, Duration retention, Class<V> valueType,
                       String description) {

    public static final String CANONICAL_PREFIX = "canonical.";
    public static final String CANONICAL_COMPRESSION = "gzip";

    public Topic {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be positive for " + name);
        }
    }

    /**
     * The {@code compression.type} the broker stores this topic in whatever a producer sends: gzip for the canonical
     * topics, the one codec every mainstream client decodes without a plugin (kafkajs reads no other; docs/contract.md,
     * section 'Topics'); empty for the internal topics, stored as their producer compressed them.
     */
    public Optional<String> storedCompression() {
        return name.startsWith(CANONICAL_PREFIX) ? Optional.of(CANONICAL_COMPRESSION) : Optional.empty();
    }

    public boolean isAvro() {
        return valueType != byte[].class;
    }

    @Override
    public String toString() {
        return name;
    }
}
