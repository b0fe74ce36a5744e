package dev.p21bridge.platform.retry;

import dev.p21bridge.platform.retry.RetryState.Origin;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * The headers a record carries while it is in a retry topic, on top of its own: {@code retry-attempt} (failed
 * attempts), {@code retry-not-before} (epoch millis) and {@code retry.original.topic|partition|offset}. Values are
 * UTF-8 decimal strings, readable in any Kafka tool, as the {@code dlq.*} headers are.
 */
public final class RetryHeaders {

    public static final String ATTEMPT = "retry-attempt";
    public static final String NOT_BEFORE = "retry-not-before";
    public static final String ORIGINAL_TOPIC = "retry.original.topic";
    public static final String ORIGINAL_PARTITION = "retry.original.partition";
    public static final String ORIGINAL_OFFSET = "retry.original.offset";

    private static final String[] ALL = {ATTEMPT, NOT_BEFORE, ORIGINAL_TOPIC, ORIGINAL_PARTITION, ORIGINAL_OFFSET};

    private RetryHeaders() {
    }

    /** Writes {@code state} into {@code headers}, replacing any retry headers they had. */
    public static Headers write(Headers headers, RetryState state) {
        strip(headers);
        put(headers, ATTEMPT, Integer.toString(state.attempt()));
        put(headers, NOT_BEFORE, Long.toString(state.notBefore().toEpochMilli()));
        put(headers, ORIGINAL_TOPIC, state.origin().topic());
        put(headers, ORIGINAL_PARTITION, Integer.toString(state.origin().partition()));
        put(headers, ORIGINAL_OFFSET, Long.toString(state.origin().offset()));
        return headers;
    }

    /** The state in {@code headers}; empty when any header is missing or not a number (then the record is new). */
    public static Optional<RetryState> read(Headers headers) {
        try {
            Optional<String> topic = text(headers, ORIGINAL_TOPIC);
            Optional<String> partition = text(headers, ORIGINAL_PARTITION);
            Optional<String> offset = text(headers, ORIGINAL_OFFSET);
            Optional<String> attempt = text(headers, ATTEMPT);
            Optional<String> notBefore = text(headers, NOT_BEFORE);
            if (topic.isEmpty() || partition.isEmpty() || offset.isEmpty() || attempt.isEmpty() || notBefore.isEmpty()) {
                return Optional.empty();
            }
            Origin origin = new Origin(topic.get(), Integer.parseInt(partition.get()), Long.parseLong(offset.get()));
            return Optional.of(new RetryState(Integer.parseInt(attempt.get()),
                    Instant.ofEpochMilli(Long.parseLong(notBefore.get())), origin));
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
    }

    /** When the record may be tried; {@code fallback} when it carries no (readable) {@code retry-not-before}. */
    public static Instant notBefore(Headers headers, Instant fallback) {
        try {
            return text(headers, NOT_BEFORE).map(Long::parseLong).map(Instant::ofEpochMilli).orElse(fallback);
        } catch (NumberFormatException malformed) {
            return fallback;
        }
    }

    /** Removes every retry header, e.g. before a record becomes a dead letter. */
    public static Headers strip(Headers headers) {
        for (String name : ALL) {
            headers.remove(name);
        }
        return headers;
    }

    private static Optional<String> text(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null
                ? Optional.empty() : Optional.of(new String(header.value(), StandardCharsets.UTF_8).trim());
    }

    private static void put(Headers headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
