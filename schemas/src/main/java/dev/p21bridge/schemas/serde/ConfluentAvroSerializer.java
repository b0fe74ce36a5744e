package dev.p21bridge.schemas.serde;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
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
        TrustedAvroClasses.trustGeneratedClassesOf(record.getSchema());
        if (client == null) {
            throw new IllegalStateException("ConfluentAvroSerializer is not configured: schema.registry.url is missing");
        }
        Schema schema = record.getSchema();
        int id = schemaId(topic, schema);
        Output out = OUTPUT.get();
        try {
            // configured before the reset: a reused encoder first hands over what a failed write left in it
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, out.encoder);
            out.encoder = encoder;
            out.reset();
            out.write(MAGIC_BYTE);
            out.writeInt(id);
            writers.computeIfAbsent(schema, s -> new OptionalFieldWriter<>(s, modelOf(record))).write(record, encoder);
            encoder.flush();
        } catch (IOException | RuntimeException e) {
            out.encoder = null;
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

    /**
     * Per thread, a growable unsynchronized buffer and a buffered encoder, reused from record to record: a fresh
     * {@code ByteArrayOutputStream} with a direct encoder cost a synchronized call per field and the buffer's
     * regrowth for every record.
     */
    private static final ThreadLocal<Output> OUTPUT = ThreadLocal.withInitial(Output::new);

    private static final class Output extends OutputStream {

        private byte[] buffer = new byte[1024];
        private int count;
        private BinaryEncoder encoder;

        void reset() {
            count = 0;
            if (buffer.length > 64 * 1024) {
                buffer = new byte[1024]; // one large record does not pin its buffer to the thread
            }
        }

        void writeInt(int value) {
            ensure(4);
            buffer[count++] = (byte) (value >>> 24);
            buffer[count++] = (byte) (value >>> 16);
            buffer[count++] = (byte) (value >>> 8);
            buffer[count++] = (byte) value;
        }

        @Override
        public void write(int b) {
            ensure(1);
            buffer[count++] = (byte) b;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            ensure(length);
            System.arraycopy(bytes, offset, buffer, count, length);
            count += length;
        }

        byte[] toByteArray() {
            return Arrays.copyOf(buffer, count);
        }

        private void ensure(int more) {
            if (count + more > buffer.length) {
                buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, count + more));
            }
        }
    }

    private static SpecificData modelOf(SpecificRecord record) {
        // The generated class's own model carries its logical-type conversions (BigDecimal, Instant, LocalDate).
        return record instanceof SpecificRecordBase base ? base.getSpecificData() : SpecificData.getForSchema(record.getSchema());
    }
}
