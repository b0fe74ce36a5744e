package dev.p21bridge.platform.sink;

import dev.p21bridge.platform.consumer.PartitionLease;
import dev.p21bridge.platform.dlq.ErrorClass;
import dev.p21bridge.platform.retry.BackoffRetry;
import dev.p21bridge.schemas.serde.SchemaRegistryException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the canonical record in a consumed value. A value that cannot be read (no value, bad Avro, unknown schema
 * id) becomes a {@code mapping} dead letter; an unreachable schema registry is waited out, since the same bytes
 * will read once it answers.
 */
public final class CanonicalReader {

    private static final Logger log = LoggerFactory.getLogger(CanonicalReader.class);

    /** What reading a record came to. */
    public sealed interface Decoded<T> {
        record Value<T>(T value) implements Decoded<T> {
        }

        /** The record was dead-lettered; its offset is finished. */
        record DeadLettered<T>() implements Decoded<T> {
        }

        /** The lease was revoked while waiting; the partition's next owner reads the record again. */
        record Abandoned<T>() implements Decoded<T> {
        }
    }

    private final DeadLetters deadLetters;

    public CanonicalReader(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    public <T> Decoded<T> read(ConsumerRecord<String, byte[]> record, Deserializer<T> deserializer, String typeName,
                               PartitionLease lease) {
        for (int attempt = 1; ; attempt++) {
            try {
                if (record.value() == null) {
                    throw new IllegalArgumentException("the record has no value");
                }
                return new Decoded.Value<>(deserializer.deserialize(record.topic(), record.headers(), record.value()));
            } catch (SchemaRegistryException e) {
                if (!e.isRetriable()) {
                    return deadLetter(record, lease, typeName, e);
                }
                log.warn("schema registry unavailable reading {}-{}@{} (attempt {}): {}", record.topic(),
                        record.partition(), record.offset(), attempt, e.getMessage());
                if (lease.awaitRevoked(BackoffRetry.standard().delay(attempt))) {
                    return new Decoded.Abandoned<>();
                }
            } catch (RuntimeException e) {
                return deadLetter(record, lease, typeName, e);
            }
        }
    }

    private <T> Decoded<T> deadLetter(ConsumerRecord<String, byte[]> record, PartitionLease lease, String typeName,
                                      RuntimeException e) {
        String message = "cannot read the record at " + record.topic() + "-" + record.partition() + "@"
                + record.offset() + " as a canonical " + typeName + ": " + e.getMessage();
        return deadLetters.publish(record, lease, ErrorClass.MAPPING, message, 1)
                ? new Decoded.DeadLettered<>() : new Decoded.Abandoned<>();
    }
}
