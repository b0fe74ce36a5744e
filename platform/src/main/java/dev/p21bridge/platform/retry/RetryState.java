package dev.p21bridge.platform.retry;

import java.time.Instant;
import java.util.Objects;

/**
 * Where a record in retry stands: how many delivery attempts failed so far, when it may be tried again, and where it
 * first came from. The origin travels with the record through every level so its dead letter names the source topic
 * (and {@code dlq replay} writes it back there), not a retry topic.
 *
 * @param attempt failed delivery attempts so far; 0 for a record that only waits behind an earlier one of its key
 * @param notBefore the earliest time of the next attempt
 */
public record RetryState(int attempt, Instant notBefore, Origin origin) {

    /** The record's place in the topic it was first read from. */
    public record Origin(String topic, int partition, long offset) {

        public Origin {
            Objects.requireNonNull(topic, "topic");
        }
    }

    public RetryState {
        Objects.requireNonNull(notBefore, "notBefore");
        Objects.requireNonNull(origin, "origin");
        if (attempt < 0) {
            throw new IllegalArgumentException("attempt must not be negative");
        }
    }
}
