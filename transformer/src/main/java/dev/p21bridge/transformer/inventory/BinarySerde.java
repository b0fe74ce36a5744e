package dev.p21bridge.transformer.inventory;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The inventory application's own records (its stores and its repartition topic of orders) in a compact binary
 * form instead of JSON: every order line reads and writes several of them, and Jackson's record binding was about
 * a third of the inventory stream thread at 500 orders/s (docs/benchmarks.md, end to end).
 *
 * <p>State written by earlier versions is JSON and stays readable: a JSON object starts with {@code '{'}, while a
 * binary value starts with its format version ({@value #VERSION}), so an upgraded transformer keeps its stores and
 * changelogs and rewrites each value in binary the next time it changes. A value in neither form is refused with
 * a {@link SerializationException} naming the type, never guessed at.
 */
public final class BinarySerde<T> implements Serde<T> {

    static final byte VERSION = 1;
    private static final byte JSON_OBJECT = '{';

    /** Writes and reads one type field by field; the version byte is the serde's. */
    public interface Codec<T> {
        void write(DataOutputStream out, T value) throws IOException;

        T read(DataInputStream in) throws IOException;
    }

    private final Class<T> type;
    private final Codec<T> codec;
    private final JsonSerde<T> json;

    public BinarySerde(Class<T> type, Codec<T> codec) {
        this.type = type;
        this.codec = codec;
        this.json = new JsonSerde<>(type);
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, value) -> {
            if (value == null) {
                return null;
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                out.writeByte(VERSION);
                codec.write(out, value);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + type.getSimpleName(), e);
            }
            return bytes.toByteArray();
        };
    }

    @Override
    public Deserializer<T> deserializer() {
        Deserializer<T> fromJson = json.deserializer();
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            if (bytes.length > 0 && bytes[0] == JSON_OBJECT) {
                return fromJson.deserialize(topic, bytes);
            }
            if (bytes.length == 0 || bytes[0] != VERSION) {
                throw new SerializationException("cannot read " + type.getSimpleName() + ": "
                        + (bytes.length == 0 ? "empty value" : "unknown format " + bytes[0]
                        + " (written by a newer transformer?)"));
            }
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, 1, bytes.length - 1));
            try {
                T value = codec.read(in);
                if (in.available() > 0) {
                    throw new SerializationException("cannot read " + type.getSimpleName() + ": " + in.available()
                            + " bytes left over");
                }
                return value;
            } catch (IOException | IllegalArgumentException e) {
                throw new SerializationException("cannot read " + type.getSimpleName() + ": " + e.getMessage(), e);
            }
        };
    }
}
