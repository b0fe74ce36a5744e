package dev.p21bridge.storefront;

import dev.p21bridge.platform.consumer.PartitionLease;
import java.util.EnumSet;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Takes a consumed record of one topic toward its outcome on a worker thread, and marks its offset completed in
 * the lease once that outcome is durable (now, or later, as the stock flusher does). One handler per topic
 * ({@link StorefrontRetryFlow}, {@link CatalogIntake}, {@link CustomerProcessor}); the same handler takes its topic's records back from
 * {@code retry.storefront-sink.<n>} ({@link #handleRetry}).
 */
interface RecordHandler {

    void handle(ConsumerRecord<String, byte[]> record, PartitionLease lease);

    /**
     * A record of this handler's topic read back from a retry topic, once it is due. The default treats it as a
     * source record: a handler that never sends records to retry gets none back.
     */
    default RetryStep handleRetry(ConsumerRecord<String, byte[]> record, PartitionLease lease) {
        handle(record, lease);
        return RetryStep.DONE;
    }

    /** The storefronts the record will call; a due retry record waits while none of their circuits takes calls. */
    default Set<Storefront> targets(ConsumerRecord<String, byte[]> record) {
        return EnumSet.allOf(Storefront.class);
    }
}
