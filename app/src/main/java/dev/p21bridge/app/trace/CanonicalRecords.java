package dev.p21bridge.app.trace;

import dev.p21bridge.platform.topics.Topic;
import dev.p21bridge.platform.topics.Topics;
import dev.p21bridge.schemas.serde.ConfluentAvroDeserializer;
import dev.p21bridge.schemas.serde.SchemaRegistryClient;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/**
 * Reads a canonical topic's value with the registry-aware serde every service uses (Confluent wire format), whichever
 * canonical topic it came from: the trace index reads them to summarise, the trace reads them back to show.
 */
public final class CanonicalRecords {

    private final Map<String, ConfluentAvroDeserializer<?>> byTopic = new HashMap<>();

    public CanonicalRecords(SchemaRegistryClient registry) {
        for (Topic<?> topic : Topics.all()) {
            if (topic.isAvro()) {
                byTopic.put(topic.name(), deserializer(registry, topic.valueType()));
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static <T extends SpecificRecord> ConfluentAvroDeserializer<T> deserializer(SchemaRegistryClient registry,
                                                                                     Class<?> type) {
        return new ConfluentAvroDeserializer<>(registry, (Class<T>) type);
    }

    /** Whether {@code topic} holds Avro records this reads. */
    boolean reads(String topic) {
        return byTopic.containsKey(topic);
    }

    /**
     * The record in {@code value}, read as {@code topic}'s type.
     *
     * @throws RuntimeException when the bytes are not a record of that type or the registry cannot say their schema
     */
    SpecificRecord read(String topic, byte[] value) {
        ConfluentAvroDeserializer<?> deserializer = byTopic.get(topic);
        if (deserializer == null) {
            throw new IllegalArgumentException(topic + " is not a canonical topic");
        }
        return deserializer.deserialize(topic, value);
    }
}
