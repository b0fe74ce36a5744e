package dev.p21bridge.schemas.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes a generated Avro record in Confluent's wire format: byte 0, the schema id as 4 big-endian bytes, then the
 * Avro binary of the record. Readable by Confluent's {@code KafkaAvroDeserializer} and every tool built on it.
 *
 * <p>The schema goes under subject {@code <topic>-value} ({@code <topic>-key} for a key serializer), registered on
 * first use, or only looked up when {@code auto.register.schemas=false}. null is written as null (a tombstone).
 *
 * <p>Failures: a record that cannot be encoded, or a schema the registry refuses (incompatible, not registered),
 * throws {@link SerializationException} naming the topic; an unreachable registry throws
 * {@link SchemaRegistryException} with {@link SchemaRegistryException#isRetriable()} true. Thread-safe.
 */
public final class ConfluentAvroSerializer<T extends SpecificRecord> implements Serializer<T> {

    static final byte MAGIC_BYTE = 0;

    private final Map<Schema, DatumWriter<Object>> writers = new ConcurrentHashMap<>();
    private volatile SchemaRegistryClient client;
    private volatile boolean isKey;
    private volatile boolean autoRegister = true;

    /** For Kafka's reflective construction; {@link #configure} must then give {@code schema.registry.url}. */
    public ConfluentAvroSerializer() {
    }

    /** A value serializer that registers schemas through {@code client}; {@code type} documents what it writes. */
    public ConfluentAvroSerializer(SchemaRegistryClient client, Class<T> type) {
        this.client = client;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        AvroSerdeConfig config = AvroSerdeConfig.from(configs, isKey);
        this.isKey = isKey;
        config.autoRegister().ifPresent(value -> this.autoRegister = value);
        if (client == null) {
            client = config.newClient();
        }
    }

    @Override
    public byte[] serialize(String topic, T record) {
        if (record == null) {
            return null;
        }
        if (client == null) {
            throw new IllegalStateException("ConfluentAvroSerializer is not configured: schema.registry.url is missing");
        }
        Schema schema = record.getSchema();
        int id = schemaId(topic, schema);
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        out.write(MAGIC_BYTE);
        out.writeBytes(ByteBuffer.allocate(4).putInt(id).array());
        try {
            BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
            writers.computeIfAbsent(schema, s -> new SpecificDatumWriter<>(s, modelOf(record))).write(record, encoder);
            encoder.flush();
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("Cannot serialize " + schema.getFullName() + " for topic " + topic
                    + ": Avro encoding failed: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    private int schemaId(String topic, Schema schema) {
        String subject = topic + (isKey ? "-key" : "-value");
        try {
            if (autoRegister) {
                return client.register(subject, schema);
            }
            return client.lookup(subject, schema).orElseThrow(() -> new SerializationException(
                    "Cannot serialize " + schema.getFullName() + " for topic " + topic + ": its schema is not registered"
                            + " under subject " + subject + " and auto.register.schemas is false"));
        } catch (SchemaRegistryException e) {
            if (e.isRetriable()) {
                throw e;
            }
            throw new SerializationException("Cannot serialize " + schema.getFullName() + " for topic " + topic
                    + ": schema registry refused subject " + subject + " (error " + e.errorCode() + "): " + e.getMessage(), e);
        }
    }

    private static SpecificData modelOf(SpecificRecord record) {
        // The generated class's own model carries its logical-type conversions (BigDecimal, Instant, LocalDate).
        return record instanceof SpecificRecordBase base ? base.getSpecificData() : SpecificData.getForSchema(record.getSchema());
    }
}
