package dev.p21bridge.platform.sink;

import dev.p21bridge.platform.consumer.PartitionLease;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Takes a consumed record of one source topic toward its outcome on a worker thread, and marks its offset completed
 * in the lease once that outcome is durable (now, or later, as the storefront's catalogue flusher does). The same
 * handler takes its topic's records back from the sink's retry topics ({@link #handleRetry}). Implemented by
 * {@link RetryFlow} for records whose order per key matters, and by sinks for topics they treat otherwise.
 */
public interface RecordHandler {

    void handle(ConsumerRecord<String, byte[]> record, PartitionLease lease);

    /**
     * A record of this handler's topic read back from a retry topic, once it is due. The default treats it as a
     * source record: a handler that never sends records to retry gets none back.
     */
    default RetryStep handleRetry(ConsumerRecord<String, byte[]> record, PartitionLease lease) {
        handle(record, lease);
        return RetryStep.DONE;
    }

    /** Whether the record's target would take a call now; a due retry record waits while it would not. */
    default boolean permitsCalls(ConsumerRecord<String, byte[]> record) {
        return true;
    }
}
