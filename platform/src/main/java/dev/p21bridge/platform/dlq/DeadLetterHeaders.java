package dev.p21bridge.platform.dlq;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * The headers a dead letter carries on top of the failed record's own (docs/contract.md, section 'Retries and dead
 * letters'). Values are UTF-8 strings so any Kafka tool shows them readably.
 */
public final class DeadLetterHeaders {

    public static final String ORIGINAL_TOPIC = "dlq.original.topic";
    public static final String ORIGINAL_PARTITION = "dlq.original.partition";
    public static final String ORIGINAL_OFFSET = "dlq.original.offset";
    public static final String SERVICE = "dlq.service";
    public static final String ERROR_CLASS = "dlq.error.class";
    public static final String ERROR_MESSAGE = "dlq.error.message";
    public static final String ATTEMPTS = "dlq.attempts";
    public static final String FAILED_AT = "dlq.failed-at";
    public static final String REPLAY_COUNT = "replay-count";

    private DeadLetterHeaders() {
    }

    /** Adds the contract's headers to {@code headers}, replacing earlier {@code dlq.*} values of a replayed record. */
    public static Headers add(Headers headers, DeadLetter letter) {
        for (String name : new String[] {ORIGINAL_TOPIC, ORIGINAL_PARTITION, ORIGINAL_OFFSET, SERVICE, ERROR_CLASS,
            ERROR_MESSAGE, ATTEMPTS, FAILED_AT}) {
            headers.remove(name);
        }
        put(headers, ORIGINAL_TOPIC, letter.originalTopic());
        put(headers, ORIGINAL_PARTITION, Integer.toString(letter.originalPartition()));
        put(headers, ORIGINAL_OFFSET, Long.toString(letter.originalOffset()));
        put(headers, SERVICE, letter.service());
        put(headers, ERROR_CLASS, letter.errorClass().label());
        put(headers, ERROR_MESSAGE, letter.message());
        put(headers, ATTEMPTS, Integer.toString(letter.attempts()));
        put(headers, FAILED_AT, Long.toString(letter.failedAt().toEpochMilli()));
        return headers;
    }

    public static Optional<String> text(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null
                ? Optional.empty()
                : Optional.of(new String(header.value(), StandardCharsets.UTF_8));
    }

    public static void put(Headers headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
