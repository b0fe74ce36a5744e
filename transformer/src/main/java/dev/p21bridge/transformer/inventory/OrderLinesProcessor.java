package dev.p21bridge.transformer.inventory;

import dev.p21bridge.schemas.Order;
import dev.p21bridge.schemas.OrderConfirmation;
import dev.p21bridge.schemas.OrderLine;
import dev.p21bridge.transformer.StorefrontSkus;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Turns new storefront orders and the news that P21 has them (all keyed by order key, co-partitioned) into inventory
 * inputs keyed by P21 item: one reservation per item of a placed order, and, when P21 has the order, one
 * confirmation per item of it. Because both leave through this processor and the same repartition topic, an item's
 * reservation always reaches the inventory processor before its confirmation.
 *
 * <p>From when P21's stock readings (P21's clock) contain the order's allocation is said by P21's first status of
 * the order from its poll (usually accepted or held, at the {@code oe_hdr} row's {@code date_last_modified}; a
 * later status at its own time when the poll saw none before), or by a
 * p21-sink confirmation carrying P21's {@code date_created}; whichever comes first confirms. A confirmation without
 * that time does not: the sink's own clock, after P21 answered, is later than the allocation's reading, which on a
 * quiet item would count the order twice until the reservation expired. A skip record (no P21 order, nothing
 * allocated) still confirms, at its confirmation time.
 *
 * <p>The lines wait in the store until the confirmation; an order older than the reservation time to live is
 * neither reserved nor kept (its reservation would have expired already), so reading the order history after a
 * deployment reserves nothing; it is still sent on, so the inventory processor counts it as sold.
 *
 * <p>The inputs are not read in timestamp order (the transformer disables task idling, see
 * {@code TransformerService}), so a confirmation may come first, mostly when a backlog is read after a restart. It
 * then waits in the store, for at most the time to live, and is sent on right after the order's reservations. A
 * second confirmation of an order (the sink's and P21's status, or a status after P21 changed the row again) finds
 * no lines either and waits out the time to live the same way, one small entry that changes nothing: telling it
 * apart would take an entry for every confirmed order instead.
 */
public final class OrderLinesProcessor implements Processor<String, OrderEvent, String, InventoryInput> {

    private final String storeName;
    private final Duration ttl;
    private ProcessorContext<String, InventoryInput> context;
    private KeyValueStore<String, OrderLines> lines;

    public OrderLinesProcessor(String storeName, Duration ttl) {
        this.storeName = storeName;
        this.ttl = ttl;
    }

    @Override
    public void init(ProcessorContext<String, InventoryInput> context) {
        this.context = context;
        this.lines = context.getStateStore(storeName);
        context.schedule(InventoryProcessor.expiryInterval(ttl), PunctuationType.WALL_CLOCK_TIME, this::forgetExpired);
    }

    @Override
    public void process(Record<String, OrderEvent> record) {
        if (record.value() instanceof OrderEvent.Placed placed) {
            reserve(record, placed.order());
        } else if (record.value() instanceof OrderEvent.Confirmed confirmed) {
            Instant containedFrom = containedFrom(confirmed.confirmation());
            if (containedFrom != null) {
                confirm(record, confirmed.confirmation().getOrderKey(), containedFrom);
            }
        } else if (record.value() instanceof OrderEvent.Accepted accepted) {
            confirm(record, accepted.orderKey(), accepted.changedAt());
        }
    }

    /**
     * From when P21 readings contain the confirmed order: P21's creation time when the sink read it; for an order
     * the sink skipped (no P21 order, nothing allocated) its confirmation time; else null, left to P21's status.
     */
    private static Instant containedFrom(OrderConfirmation confirmation) {
        if (confirmation.getP21CreatedAt() != null) {
            return confirmation.getP21CreatedAt();
        }
        return confirmation.getSkippedReason() != null ? confirmation.getConfirmedAt() : null;
    }

    private void reserve(Record<String, OrderEvent> record, Order order) {
        long orderTime = order.getEventTime().toEpochMilli();
        OrderLines known = lines.get(order.getOrderKey());
        if (known != null && !known.isEarlyConfirmation()) {
            return;
        }
        Map<String, BigDecimal> items = new TreeMap<>();
        for (OrderLine line : order.getLines()) {
            items.merge(StorefrontSkus.itemKey(line.getP21ItemId()), line.getQuantity(), BigDecimal::add);
        }
        items.forEach((item, quantity) -> context.forward(record.withKey(item).withValue(InventoryInput.of(
                new InventoryInput.Reserve(order.getOrderKey(), order.getSource(), quantity, orderTime,
                        order.getSourceEventId())))));
        if (known != null) {
            lines.delete(order.getOrderKey());
            sendConfirmation(record, order.getOrderKey(), items.keySet(), known.confirmedFrom());
        } else if (orderTime >= cutoff(context.currentSystemTimeMs())) {
            // an old order is still sent on, to be counted as sold (not reserved), but its lines are not kept
            lines.put(order.getOrderKey(), OrderLines.placed(items, orderTime));
        }
    }

    private void confirm(Record<String, OrderEvent> record, String orderKey, Instant containedFrom) {
        OrderLines placed = lines.get(orderKey);
        if (placed == null) {
            // before its order, for an order too old to hold a reservation (then it only waits out the time to live),
            // or for one confirmed already
            if (record.timestamp() >= cutoff(context.currentSystemTimeMs())) {
                lines.put(orderKey, OrderLines.earlyConfirmation(record.timestamp(), containedFrom.toEpochMilli()));
            }
            return;
        }
        if (placed.isEarlyConfirmation()) {
            return;
        }
        lines.delete(orderKey);
        sendConfirmation(record, orderKey, placed.items().keySet(), containedFrom.toEpochMilli());
    }

    private void sendConfirmation(Record<String, OrderEvent> record, String orderKey, Set<String> items,
                                  long containedFrom) {
        InventoryInput confirm = InventoryInput.of(new InventoryInput.Confirm(orderKey, containedFrom));
        items.forEach(item -> context.forward(record.withKey(item).withValue(confirm)));
    }

    private void forgetExpired(long now) {
        List<String> expired = new ArrayList<>();
        try (KeyValueIterator<String, OrderLines> all = lines.all()) {
            while (all.hasNext()) {
                KeyValue<String, OrderLines> entry = all.next();
                if (entry.value.orderTime() < cutoff(now)) {
                    expired.add(entry.key);
                }
            }
        }
        expired.forEach(lines::delete);
    }

    private long cutoff(long now) {
        return now - ttl.toMillis();
    }
}
