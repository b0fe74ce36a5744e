package dev.p21bridge.platform.sink;

import dev.p21bridge.platform.consumer.PartitionLease;
import dev.p21bridge.platform.retry.CircuitBreaker;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * One delivery attempt of a record to its target, as {@link RetryFlow} drives it: orders to P21, shipments and
 * customer changes to the storefronts fail and move through the retry topics the same way, and only what an attempt
 * does differs.
 */
public interface Delivery {

    /** How one delivery attempt ended. */
    sealed interface Attempt {
        /** The outcome is durable: written, found written, or dead-lettered. */
        record Done() implements Attempt {
        }

        /**
         * The target failed transiently on every try; {@code circuit} is the failing target's, {@code retryAfter}
         * what it asked for (zero: unsaid).
         */
        record Failed(CircuitBreaker circuit, String reason, Duration retryAfter) implements Attempt {
        }

        /** The partition was taken away first; its next owner redoes the record. */
        record Revoked() implements Attempt {
        }
    }

    Attempt attempt(ConsumerRecord<String, byte[]> record, PartitionLease lease);

    /** Whether a target of the record would take a call now; a due retry record waits while none would. */
    boolean permitsCalls(ConsumerRecord<String, byte[]> record);

    /** What the record is, for log lines: "order", "shipment", "customer change". */
    String what();
}
