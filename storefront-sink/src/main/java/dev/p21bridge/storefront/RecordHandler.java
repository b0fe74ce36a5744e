package dev.p21bridge.storefront;

import dev.p21bridge.platform.consumer.PartitionLease;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Takes a consumed record of one topic toward its outcome on a worker thread, and marks its offset completed in
 * the lease once that outcome is durable (now, or later, as the stock flusher does). One handler per topic
 * ({@link ShipmentProcessor}, {@link CatalogIntake}, {@link CustomerProcessor}).
 */
interface RecordHandler {

    void handle(ConsumerRecord<String, byte[]> record, PartitionLease lease);
}
