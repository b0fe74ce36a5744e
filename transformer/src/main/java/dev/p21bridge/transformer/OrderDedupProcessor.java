package dev.p21bridge.transformer;

import dev.p21bridge.schemas.ChangeType;
import java.time.Duration;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Deduplicates orders on the business key: a second {@code order.created} for an order already seen (a storefront
 * plugin that re-sends with a new event id) never yields a second new order. Updates pass, and an update for an order
 * never seen also marks it seen, so a late create after it is dropped.
 */
public final class OrderDedupProcessor implements FixedKeyProcessor<String, Normalized, Normalized> {

    private final String storeName;
    private final Duration retention;
    private FixedKeyProcessorContext<String, Normalized> context;
    private WindowStore<String, Long> seen;

    public OrderDedupProcessor(String storeName, Duration retention) {
        this.storeName = storeName;
        this.retention = retention;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, Normalized> context) {
        this.context = context;
        this.seen = context.getStateStore(storeName);
    }

    @Override
    public void process(FixedKeyRecord<String, Normalized> record) {
        if (!(record.value() instanceof Normalized.NormalizedOrder normalized)) {
            context.forward(record);
            return;
        }
        String orderKey = normalized.order().getOrderKey();
        long time = record.timestamp();
        boolean known;
        try (WindowStoreIterator<Long> earlier = seen.fetch(orderKey, time - retention.toMillis(), time + retention.toMillis())) {
            known = earlier.hasNext();
        }
        if (known && normalized.order().getChangeType() == ChangeType.CREATED) {
            return;
        }
        if (!known) {
            seen.put(orderKey, time, time);
        }
        context.forward(record);
    }
}
