package dev.p21bridge.schemas.serde;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads Confluent's wire format (byte 0, 4-byte big-endian schema id, Avro binary) into a generated record class.
 *
 * <p>The writer schema is fetched by id (once, then cached) and resolved against the class's schema, so a record
 * written with an older or newer compatible schema still reads. Decimals arrive as {@code BigDecimal}, timestamps as
 * {@code Instant}. null reads as null (a tombstone).
 *
 * <p>Bad bytes throw {@link SerializationException} naming the topic and the problem: too short, wrong magic byte,
 * unknown schema id, or an Avro decoding failure. An unreachable registry throws {@link SchemaRegistryException}
 * instead, because the record is not at fault. Thread-safe.
 */
public final class ConfluentAvroDeserializer<T extends SpecificRecord> implements Deserializer<T> {

    private static final int HEADER_LENGTH = 5;

    private final Map<Integer, DatumReader<T>> readers = new ConcurrentHashMap<>();
    private volatile SchemaRegistryClient client;
    private volatile Class<T> type;

    /** For Kafka's reflective construction; {@link #configure} must give {@code schema.registry.url}, and
     *  {@code specific.avro.value.type} unless the writer schema's name is a generated class on the class path. */
    public ConfluentAvroDeserializer() {
    }

    /** Reads records of {@code type} with schemas fetched through {@code client}; with {@code SpecificRecord.class},
     *  records of whichever generated class the writer schema names. */
    public ConfluentAvroDeserializer(SchemaRegistryClient client, Class<T> type) {
        this.client = client;
        this.type = type;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void configure(Map<String, ?> configs, boolean isKey) {
        AvroSerdeConfig config = AvroSerdeConfig.from(configs, isKey);
        if (type == null) {
            config.recordType().ifPresent(configured -> type = (Class<T>) configured);
        }
        if (client == null) {
            client = config.newClient();
        }
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        if (client == null) {
            throw new IllegalStateException("ConfluentAvroDeserializer is not configured: schema.registry.url is missing");
        }
        if (data.length < HEADER_LENGTH) {
            throw new SerializationException("Cannot deserialize a record of topic " + topic + ": too short, " + data.length
                    + " bytes, the Confluent wire format needs at least 5 (magic byte and schema id)");
        }
        if (data[0] != ConfluentAvroSerializer.MAGIC_BYTE) {
            throw new SerializationException(String.format("Cannot deserialize a record of topic %s: unknown magic byte 0x%02x,"
                    + " expected 0x00 (not Confluent wire format)", topic, data[0]));
        }
        int id = ByteBuffer.wrap(data, 1, 4).getInt();
        DatumReader<T> reader = readers.computeIfAbsent(id, key -> newReader(topic, key));
        try {
            return reader.read(null, DecoderFactory.get().binaryDecoder(data, HEADER_LENGTH, data.length - HEADER_LENGTH, null));
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("Cannot deserialize a record of topic " + topic + ": Avro decoding with schema id "
                    + id + " failed: " + e, e);
        }
    }

    private DatumReader<T> newReader(String topic, int id) {
        Schema writer;
        try {
            writer = client.getById(id);
        } catch (SchemaRegistryException e) {
            if (e.isRetriable()) {
                throw e;
            }
            throw new SerializationException("Cannot deserialize a record of topic " + topic + ": unknown schema id " + id
                    + " (registry error " + e.errorCode() + ": " + e.getMessage() + ")", e);
        }
        // SpecificRecord itself (or no type) means: whichever generated class the writer schema names
        Class<T> readType = type != null && !Modifier.isAbstract(type.getModifiers()) ? type : generatedClassOf(topic, writer);
        SpecificData model = new ReaderSpecificData(SpecificData.getForClass(readType));
        Schema reader = model.getSchema(readType);
        TrustedAvroClasses.trustGeneratedClassesOf(reader);
        return new SpecificDatumReader<>(writer, reader, model);
    }

    /** The generated class named like the writer schema; loaded without initialising it, and only if generated. */
    @SuppressWarnings("unchecked")
    private static <T> Class<T> generatedClassOf(String topic, Schema writer) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader() != null
                ? Thread.currentThread().getContextClassLoader() : ConfluentAvroDeserializer.class.getClassLoader();
        try {
            Class<?> found = Class.forName(SpecificData.getClassName(writer), false, loader);
            if (SpecificRecord.class.isAssignableFrom(found)) {
                return (Class<T>) found;
            }
        } catch (ClassNotFoundException | LinkageError e) {
            // answered below
        }
        throw new SerializationException("Cannot deserialize a record of topic " + topic + ": no generated class for "
                + writer.getFullName() + " on the class path; set " + AvroSerdeConfig.SPECIFIC_VALUE_TYPE);
    }
}
