package dev.p21bridge.schemas.serde;

import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The Confluent-wire-format Avro serializer and deserializer of one generated record class, as a Kafka Streams
 * {@link Serde}. See {@link ConfluentAvroSerializer} and {@link ConfluentAvroDeserializer} for the guarantees.
 *
 * <p>Built with a client it is ready to use as a value serde; call {@code configure(props, true)} to use it for keys
 * (subject {@code <topic>-key}).
 */
public final class ConfluentAvroSerde<T extends SpecificRecord> implements Serde<T> {

    private final ConfluentAvroSerializer<T> serializer;
    private final ConfluentAvroDeserializer<T> deserializer;

    /** For Kafka's reflective construction; configure with {@code schema.registry.url} and
     *  {@code specific.avro.value.type}. */
    public ConfluentAvroSerde() {
        this.serializer = new ConfluentAvroSerializer<>();
        this.deserializer = new ConfluentAvroDeserializer<>();
    }

    public ConfluentAvroSerde(SchemaRegistryClient client, Class<T> type) {
        this.serializer = new ConfluentAvroSerializer<>(client, type);
        this.deserializer = new ConfluentAvroDeserializer<>(client, type);
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        serializer.configure(configs, isKey);
        deserializer.configure(configs, isKey);
    }

    @Override
    public Serializer<T> serializer() {
        return serializer;
    }

    @Override
    public Deserializer<T> deserializer() {
        return deserializer;
    }
}
