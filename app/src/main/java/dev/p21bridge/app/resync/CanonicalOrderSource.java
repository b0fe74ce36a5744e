package dev.p21bridge.app.resync;

import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Where {@link OrderResync} finds an order's latest {@code canonical.orders} record: the console's trace index (by
 * offset, at once) or, for {@code ./bridge resync order} without a console, a scan of the key's partition
 * ({@link ScannedCanonicalOrders}).
 */
@FunctionalInterface
public interface CanonicalOrderSource {

    /**
     * The newest record of {@code orderKey} on {@code canonical.orders}; empty when there is none (never written, or
     * past the topic's retention).
     *
     * @throws IllegalStateException when the source cannot answer yet (an index still loading)
     */
    Optional<ConsumerRecord<String, byte[]>> latest(String orderKey);
}
