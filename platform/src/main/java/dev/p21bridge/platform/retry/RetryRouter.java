package dev.p21bridge.platform.retry;

import dev.p21bridge.platform.dlq.DeadLetterPublisher;
import dev.p21bridge.platform.dlq.ErrorClass;
import dev.p21bridge.platform.retry.RetryState.Origin;
import dev.p21bridge.platform.topics.Topic;
import dev.p21bridge.platform.topics.Topics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Moves a service's records through {@code retry.<service>.1..n} and finally to its dead-letter topic. Each record
 * keeps its key, value and headers and gains the {@link RetryHeaders}; it is written to the same partition number it
 * had in its origin topic, so whoever owns partition p of the source also owns the retries of p's keys (the retry
 * topics have the source's partition count). Levels only go up: a record failing at level n goes to n + 1, after the
 * last to the dead letters as {@code retries-exhausted}. The caller counts the record as done only once the returned
 * future completed.
 */
public final class RetryRouter {

    /** A 429's Retry-After is honoured up to this; a larger one is taken as a mistake of the target. */
    static final Duration MAX_RETRY_AFTER = Duration.ofHours(1);
    /** The largest key a small dead letter keeps, in UTF-8 bytes at worst. */
    static final int SMALL_KEY_BYTES = 1_024;

    /** Where a record went: {@code level} 1..n, or 0 for the dead-letter topic. */
    public record Routed(int level, RetryState state, Future<RecordMetadata> sent) {

        public boolean deadLettered() {
            return level == 0;
        }
    }

    private final Producer<String, byte[]> producer;
    private final String service;
    private final RetryConfig config;
    private final Clock clock;
    private final DeadLetterPublisher deadLetters;
    private final List<Topic<byte[]>> topics;

    public RetryRouter(Producer<String, byte[]> producer, String service, RetryConfig config, Clock clock) {
        this.producer = producer;
        this.service = service;
        this.config = config;
        this.clock = clock;
        this.deadLetters = new DeadLetterPublisher(producer, service);
        this.topics = IntStream.rangeClosed(1, config.levels()).mapToObj(level -> Topics.retry(service, level)).toList();
    }

    /** The retry topics of the service, level 1 first. */
    public List<String> topics() {
        return topics.stream().map(Topic::name).toList();
    }

    /** The retry level of {@code topic}, 0 when it is not one of the service's retry topics. */
    public int levelOf(String topic) {
        for (int i = 0; i < topics.size(); i++) {
            if (topics.get(i).name().equals(topic)) {
                return i + 1;
            }
        }
        return 0;
    }

    /**
     * The record's retry state: from its headers when it is read from a retry topic; otherwise it is new, with no
     * failed attempt and its own place as origin (retry headers on a source record, e.g. a replayed dead letter,
     * are ignored).
     */
    public RetryState stateOf(ConsumerRecord<String, byte[]> record) {
        Optional<RetryState> carried = levelOf(record.topic()) > 0 ? RetryHeaders.read(record.headers()) : Optional.empty();
        return carried.orElseGet(() -> new RetryState(0, clock.instant(),
                new Origin(record.topic(), record.partition(), record.offset())));
    }

    /**
     * After a failed delivery attempt: to the next level, due after that level's delay or {@code retryAfter},
     * whichever is later; after the last level to the dead letters as {@code retries-exhausted}.
     */
    public Routed afterFailure(ConsumerRecord<String, byte[]> record, String reason, Duration retryAfter) {
        RetryState state = stateOf(record);
        int attempts = state.attempt() + 1;
        int next = levelOf(record.topic()) + 1;
        if (next > config.levels()) {
            String message = "gave up after " + attempts + " attempts over " + config.levels()
                    + " retry levels; last failure: " + reason;
            return new Routed(0, state, deadLetter(record, ErrorClass.RETRIES_EXHAUSTED, message, attempts));
        }
        Duration wait = config.delay(next);
        if (retryAfter != null && retryAfter.compareTo(wait) > 0) {
            wait = retryAfter.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : retryAfter;
        }
        RetryState moved = new RetryState(attempts, clock.instant().plus(wait), state.origin());
        return new Routed(next, moved, send(record, next, moved));
    }

    /**
     * Puts the record behind an earlier record of its key that waits at {@code level}, without counting an attempt.
     * Its place in the partition, after the earlier record, is what holds it back, so moving up it is due at once
     * ({@code wait} zero); a record that must wait at its own level again gets that level's delay instead.
     */
    public Routed behind(ConsumerRecord<String, byte[]> record, int level, Duration wait) {
        if (level < 1 || level > config.levels()) {
            throw new IllegalArgumentException("no retry level " + level);
        }
        RetryState state = stateOf(record);
        RetryState parked = new RetryState(state.attempt(), clock.instant().plus(wait), state.origin());
        return new Routed(level, parked, send(record, level, parked));
    }

    /**
     * A dead letter of the record as read from its origin: {@code dlq.original.*} name the source topic, so a replay
     * writes it back there; the retry headers are left off.
     */
    public Future<RecordMetadata> deadLetter(ConsumerRecord<String, byte[]> record, ErrorClass errorClass,
                                             String message, int attempts) {
        Origin origin = stateOf(record).origin();
        RecordHeaders headers = new RecordHeaders(record.headers().toArray());
        RetryHeaders.strip(headers);
        ConsumerRecord<String, byte[]> original = new ConsumerRecord<>(origin.topic(), origin.partition(),
                origin.offset(), record.timestamp(), record.timestampType(), ConsumerRecord.NULL_SIZE,
                ConsumerRecord.NULL_SIZE, record.key(), record.value(), headers, Optional.empty());
        return deadLetters.publish(original, errorClass, message, attempts, now());
    }

    /**
     * A dead letter of the record without its value and headers, for a record whose outcome can never be written
     * (too large, not serializable): the {@code dlq.*} headers point at the record's origin, where it stays until the
     * topic's retention ends. Its key is kept up to {@link #SMALL_KEY_BYTES}.
     */
    public Future<RecordMetadata> smallDeadLetter(ConsumerRecord<String, byte[]> record, ErrorClass errorClass,
                                                  String message, int attempts) {
        Origin origin = stateOf(record).origin();
        String key = record.key() != null && record.key().length() <= SMALL_KEY_BYTES / 3 ? record.key() : null;
        ConsumerRecord<String, byte[]> pointer = new ConsumerRecord<>(origin.topic(), origin.partition(),
                origin.offset(), record.timestamp(), record.timestampType(), ConsumerRecord.NULL_SIZE,
                ConsumerRecord.NULL_SIZE, key, null, new RecordHeaders(), Optional.empty());
        return deadLetters.publish(pointer, errorClass, message, attempts, now());
    }

    private Future<RecordMetadata> send(ConsumerRecord<String, byte[]> record, int level, RetryState state) {
        Topic<byte[]> topic = topics.get(level - 1);
        int originPartition = state.origin().partition();
        Integer partition = originPartition >= 0 && originPartition < topic.partitions() ? originPartition : null;
        RecordHeaders headers = new RecordHeaders(record.headers().toArray());
        RetryHeaders.write(headers, state);
        return producer.send(new ProducerRecord<>(topic.name(), partition, record.key(), record.value(), headers));
    }

    private Instant now() {
        return clock.instant();
    }

    public String service() {
        return service;
    }
}
