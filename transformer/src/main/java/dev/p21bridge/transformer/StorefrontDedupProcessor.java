package dev.p21bridge.transformer;

import dev.p21bridge.platform.dlq.DeadLetterHeaders;
import dev.p21bridge.platform.orders.FirstCreate;
import dev.p21bridge.platform.orders.ReceivedVia;
import dev.p21bridge.schemas.ChangeType;
import dev.p21bridge.schemas.Order;
import java.time.Duration;
import java.util.Objects;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Drops what a storefront sent before, after normalization, with one store look-up per new order:
 * <ul>
 *   <li>a new order ({@code order.created}) by its business key: a second {@code order.created} for a known order key
 *       is dropped, whether it is the same webhook redelivered or a plugin re-sending with a new event id. The order
 *       key is remembered at least as long as event ids (checked in {@link TransformerConfig}), so it alone drops the
 *       redelivery too, and the event id of a new order is not stored. Orders are nearly all of the traffic; the
 *       second look-up and its changelog record were a tenth of the stream thread (docs/benchmarks.md,
 *       transformer);</li>
 *   <li>everything else (order updates, customers, events that failed to map) by {@code source} + {@code event-id}
 *       within the event retention (storefronts redeliver for up to 3 days). An update also marks its order seen,
 *       so a create arriving after it is dropped.</li>
 * </ul>
 * A record replayed from the dead letters ({@code replay-count} header) passes the event-id check, because an
 * operator asked for it to be processed again; a replayed create of an order already made is still dropped.
 *
 * <p>A new order it forwards gets the {@link FirstCreate} header when this processor can vouch that no earlier
 * {@code canonical.orders} record of its key exists: the key was not seen, and the order was placed within half the
 * order retention of the record's time, so any earlier record of it would still be remembered (the other half is
 * margin for storefront clocks and late delivery). Never on a replayed or backfilled ({@link ReceivedVia}) record, and never passed on from upstream:
 * the header is removed from every record that enters. The guarantee holds only while {@code orders-seen} does: a
 * reset of the events application empties it, and the raw topics read again would bring every order back as new.
 * So an order is vouched for only when it was placed (the storefront's clock) and its raw record received (the
 * record's time, the ingress's clock) at least {@link #SINCE_MARGIN} after this task's {@code orders-seen} began
 * ({@code orders-seen-since}, one entry per task, emptied by a reset with the rest): what a reset brings back was
 * received before, and an order placed before may have been seen by the memory that was lost.
 *
 * <p>The entry was renamed when the ingress moved each store's raw records to the store's own partition
 * ({@code StorePartition}): an order key seen before that was remembered by the task of the key's old partition, so
 * every task's memory of its store's keys began anew at the upgrade, and orders placed before it are looked up.
 */
public final class StorefrontDedupProcessor implements FixedKeyProcessor<String, Normalized, Normalized> {

    private final String eventStoreName;
    private final Duration eventRetention;
    private final String orderStoreName;
    private final Duration orderRetention;
    private final String sinceStoreName;
    /** For the ingress's clock running ahead of the transformer's: records of the first half minute are looked up. */
    static final Duration SINCE_MARGIN = Duration.ofSeconds(30);
    /** Was {@code since} before raw records moved to their store's partition; the old entry is no longer read. */
    private static final String SINCE = "since-store-partitions";
    private long rememberingSince;
    private FixedKeyProcessorContext<String, Normalized> context;
    private SeenKeys events;
    private SeenKeys orders;

    public StorefrontDedupProcessor(String eventStoreName, Duration eventRetention, String orderStoreName,
                                    Duration orderRetention, String sinceStoreName) {
        this.sinceStoreName = sinceStoreName;
        this.eventStoreName = eventStoreName;
        this.eventRetention = eventRetention;
        this.orderStoreName = orderStoreName;
        this.orderRetention = orderRetention;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, Normalized> context) {
        this.context = context;
        this.events = new SeenKeys(context.getStateStore(eventStoreName), eventRetention);
        this.orders = new SeenKeys(context.getStateStore(orderStoreName), orderRetention);
        KeyValueStore<String, Long> since = context.getStateStore(sinceStoreName);
        Long known = since.get(SINCE);
        if (known == null) {
            known = context.currentSystemTimeMs();
            since.put(SINCE, known);
        }
        rememberingSince = known;
    }

    @Override
    public void process(FixedKeyRecord<String, Normalized> incoming) {
        FixedKeyRecord<String, Normalized> record = FirstCreateRemover.without(incoming);
        long time = record.timestamp();
        if (record.value() instanceof Normalized.NormalizedOrder normalized
                && normalized.order().getChangeType() == ChangeType.CREATED) {
            if (orders.addIfAbsent(normalized.order().getOrderKey(), time)) {
                context.forward(isFirstCreate(normalized.order(), record) ? markedFirstCreate(record) : record);
            }
            return;
        }
        String eventKey = EventDedupProcessor.eventKey(record.headers());
        if (eventKey != null && !events.addIfAbsent(eventKey, time)) {
            return;
        }
        if (record.value() instanceof Normalized.NormalizedOrder update) {
            orders.addIfAbsent(update.order().getOrderKey(), time);
        }
        context.forward(record);
    }

    /**
     * Young enough that an earlier record of its key would still be in {@code orders-seen}, and neither a replay nor
     * a backfill: a backfilled order may be in P21 by a way this processor never saw (an earlier installation, an
     * outage of its state), so the p21-sink must look it up.
     */
    private boolean isFirstCreate(Order order, FixedKeyRecord<String, Normalized> record) {
        if (record.headers().lastHeader(DeadLetterHeaders.REPLAY_COUNT) != null
                || ReceivedVia.isBackfill(record.headers())) {
            return false;
        }
        long placed = Objects.requireNonNullElse(order.getOrderDate(), order.getEventTime()).toEpochMilli();
        long remembered = rememberingSince + SINCE_MARGIN.toMillis();
        return placed >= record.timestamp() - orderRetention.toMillis() / 2
                && placed >= remembered && record.timestamp() >= remembered;
    }

    // the headers may be the input record's own, which Kafka Streams shares, so they are copied before a change
    private static FixedKeyRecord<String, Normalized> markedFirstCreate(FixedKeyRecord<String, Normalized> record) {
        FixedKeyRecord<String, Normalized> copy = record.withHeaders(new RecordHeaders(record.headers().toArray()));
        FirstCreate.mark(copy.headers());
        return copy;
    }
}
