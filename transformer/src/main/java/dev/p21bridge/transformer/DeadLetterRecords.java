package dev.p21bridge.transformer;

import dev.p21bridge.platform.dlq.DeadLetter;
import dev.p21bridge.platform.dlq.DeadLetterHeaders;
import dev.p21bridge.platform.dlq.ErrorClass;
import dev.p21bridge.platform.topics.TopicInitializer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A raw record the transformer gives up on, as the dead letter of docs/contract.md, section 'Retries and dead letters':
 * the original key, value and headers plus the {@code dlq.*} headers, logged with where it came from and why (never
 * with the value).
 *
 * <p>Always small enough to send. A dead letter that would be larger than {@link #MAX_BYTES} is sent without the
 * original value and headers, with a message saying so and the {@code dlq.original.*} headers pointing at the record,
 * which stays on its topic until the topic's retention ends. Before, a 600 KB body with a bad field made a dead
 * letter over the producer's 1 MiB limit; the send failed, the stream thread died, and its replacement met the same
 * record, for ever. The message is cut at {@link #MAX_MESSAGE_CHARS} characters whoever wrote it.
 */
final class DeadLetterRecords {

    /**
     * {@code max.request.size} of the transformer's producers: the raw and dead-letter topics'
     * {@code max.message.bytes}, so whatever the raw topic took, its dead letter topic takes too.
     */
    static final int MAX_REQUEST_BYTES = TopicInitializer.RAW_RECORD_LIMIT;
    /** The largest dead letter sent whole: 64 KiB under {@link #MAX_REQUEST_BYTES} for the batch's own overhead. */
    static final int MAX_BYTES = MAX_REQUEST_BYTES - 64 * 1024;
    /** Longest {@code dlq.error.message}. */
    static final int MAX_MESSAGE_CHARS = 1_000;
    /** A small dead letter keeps the original key and headers only as far as each is this small. */
    static final int SMALL_PART_BYTES = 1_024;
    /** What the {@code dlq.*} headers may add: names, a message of 1 000 characters of up to 3 bytes, numbers. */
    private static final int DLQ_HEADER_BYTES = 4 * 1024;

    private static final Logger log = LoggerFactory.getLogger(DeadLetterRecords.class);

    private DeadLetterRecords() {
    }

    /** The dead letter of a record a processor rejects, for the topology's dead-letter sink. */
    static Record<String, Normalized> rejected(ProcessorContext<?, ?> context, Record<String, byte[]> record,
                                               ErrorClass errorClass, String message) {
        RecordMetadata origin = context.recordMetadata().orElseThrow();
        byte[] key = record.key() == null ? null : record.key().getBytes(StandardCharsets.UTF_8);
        Letter letter = letter(origin.topic(), origin.partition(), origin.offset(), key, record.value(),
                record.headers(), errorClass, message);
        return record.withKey(letter.key == null ? null : new String(letter.key, StandardCharsets.UTF_8))
                .withHeaders(letter.headers).withValue(new Normalized.Rejected(letter.value));
    }

    /** The same for Kafka Streams' handlers, which answer with producer records. */
    static ProducerRecord<byte[], byte[]> of(String deadLetterTopic, String topic, int partition, long offset, byte[] key,
                                             byte[] value, Headers headers, ErrorClass errorClass, String message) {
        Letter letter = letter(topic, partition, offset, key, value, headers, errorClass, message);
        return new ProducerRecord<>(deadLetterTopic, null, letter.key, letter.value, letter.headers);
    }

    private record Letter(byte[] key, byte[] value, Headers headers) {
    }

    private static Letter letter(String topic, int partition, long offset, byte[] key, byte[] value, Headers original,
                                 ErrorClass errorClass, String message) {
        String cut = cut(message);
        long size = size(key) + size(value) + size(original) + DLQ_HEADER_BYTES;
        if (size <= MAX_BYTES) {
            Headers headers = new RecordHeaders(original.toArray());
            add(headers, topic, partition, offset, errorClass, cut);
            return new Letter(key, value, headers);
        }
        String small = cut(message, MAX_MESSAGE_CHARS - 300) + " | The record (" + size + " bytes with its headers) is too large for a dead letter"
                + " (at most " + MAX_BYTES + "), so this one carries no value: the original is " + topic + " partition "
                + partition + " offset " + offset + ", there until the topic's retention ends.";
        Headers headers = new RecordHeaders();
        for (Header header : original) {
            if (!header.key().startsWith("dlq.") && size(header) <= SMALL_PART_BYTES) {
                headers.add(header);
            }
        }
        add(headers, topic, partition, offset, errorClass, small);
        return new Letter(size(key) <= SMALL_PART_BYTES ? key : null, null, headers);
    }

    private static void add(Headers headers, String topic, int partition, long offset, ErrorClass errorClass,
                            String message) {
        DeadLetterHeaders.add(headers, new DeadLetter(topic == null ? "unknown" : topic, partition, offset,
                TransformerConfig.SERVICE, errorClass, message, 1, Instant.now()));
        log.warn("dead letter {} from {}-{}@{}: {}", errorClass.label(), topic, partition, offset, message);
    }

    static String cut(String message) {
        return cut(message, MAX_MESSAGE_CHARS);
    }

    private static String cut(String message, int max) {
        if (message == null || message.length() <= max) {
            return message;
        }
        int end = Character.isHighSurrogate(message.charAt(max - 4)) ? max - 4 : max - 3;
        return message.substring(0, end) + "...";
    }

    private static long size(byte[] bytes) {
        return bytes == null ? 0 : bytes.length;
    }

    private static long size(Header header) {
        return header.key().length() * 3L + size(header.value());
    }

    private static long size(Headers headers) {
        long size = 0;
        for (Header header : headers) {
            size += size(header);
        }
        return size;
    }
}
