package dev.p21bridge.storefront;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Takes a consumed record of one topic toward its outcome on a worker thread, and marks its offset completed in
 * the lease once that outcome is durable (now, or later, as the stock flusher does). One handler per topic
 * ({@link ShipmentProcessor}, {@link CatalogIntake}); {@code canonical.customers} gets its own when customer
 * changes go back to the storefronts.
 */
interface RecordHandler {

    void handle(ConsumerRecord<String, byte[]> record, PartitionLease lease);
}
