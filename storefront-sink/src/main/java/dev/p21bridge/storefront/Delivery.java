package dev.p21bridge.storefront;

import dev.p21bridge.platform.consumer.PartitionLease;
import java.time.Duration;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * One delivery attempt of a record to the storefronts, as {@link StorefrontRetryFlow} drives it: shipments
 * ({@link ShipmentProcessor}) and customer changes ({@link CustomerProcessor}) fail and move through the retry topics
 * the same way, and only what an attempt does differs.
 */
interface Delivery {

    /** How one delivery attempt ended. */
    sealed interface Attempt {
        /** The outcome is durable: written, found written, or dead-lettered. */
        record Done() implements Attempt {
        }

        /** The storefront failed transiently on every try; {@code retryAfter} is what it asked for (zero: unsaid). */
        record Failed(Storefront storefront, String reason, Duration retryAfter) implements Attempt {
        }

        /** The partition was taken away first; its next owner redoes the record. */
        record Revoked() implements Attempt {
        }
    }

    Attempt attempt(ConsumerRecord<String, byte[]> record, PartitionLease lease);

    /** The storefronts the record goes to, whose circuits decide whether it can be tried now. */
    Set<Storefront> targets(ConsumerRecord<String, byte[]> record);

    /** What the record is, for log lines: "shipment", "customer change". */
    String what();
}
