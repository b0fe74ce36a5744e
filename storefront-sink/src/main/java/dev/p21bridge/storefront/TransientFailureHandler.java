package dev.p21bridge.storefront;

import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Decides what happens to a record whose write failed transiently. Today every such record is retried in place
 * ({@link BackoffRetry}); the seam is here so a later handler can hand records to the {@code retry.storefront-sink.<n>}
 * topics instead, after which the record counts as done for the source partition.
 */
public interface TransientFailureHandler {

    /** What to do next. */
    sealed interface Decision {
        /** Try the same record again after {@code delay}; the offset stays uncommitted meanwhile. */
        record RetryAfter(Duration delay) implements Decision {
        }

        /** The record was handed on durably (e.g. to a retry topic); its offset may be committed. */
        record HandedOff() implements Decision {
        }
    }

    /** Called after attempt number {@code attempt} (1-based) failed for {@code reason}. */
    Decision onTransient(ConsumerRecord<String, byte[]> record, String reason, int attempt);
}
