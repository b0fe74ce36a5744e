package dev.p21bridge.platform.topics;

import java.time.Duration;

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

    public Topic {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be positive for " + name);
        }
    }

    public boolean isAvro() {
        return valueType != byte[].class;
    }

    @Override
    public String toString() {
        return name;
    }
}
