package dev.p21bridge.storefront.status;

import dev.p21bridge.platform.consumer.PartitionLease;
import dev.p21bridge.platform.dlq.ErrorClass;
import dev.p21bridge.platform.sink.Delivery.Attempt;
import dev.p21bridge.platform.sink.RetryFlow;
import dev.p21bridge.platform.sink.SinkContext;
import dev.p21bridge.schemas.OrderStatus;
import dev.p21bridge.storefront.OrderKeyedDelivery;
import dev.p21bridge.storefront.StoreNotReady;
import dev.p21bridge.storefront.Storefront;
import dev.p21bridge.storefront.StorefrontCalls;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One delivery attempt of a record of {@code canonical.order-status} (or of a retry topic) to the storefront its
 * order key names: the status the store knows for it ({@link StoreStatuses}) is set only when the order does not
 * show it yet and is not further along, so a redelivered, replayed or reordered status makes no call and never
 * moves an order back. A P21 status this version does not know is a {@code mapping} dead letter naming it; a
 * refusal a {@code rejected-by-target} one with the storefront's words; a transient failure is tried again in
 * place up to {@code triesInPlace} tries, then the {@link RetryFlow} moves the record on.
 *
 * <p>Metric: {@code storefront.order.status{storefront, outcome=changed|already-shown|not-shown}} (not-shown: the
 * store has no such status, or the order is further along).
 */
public final class OrderStatusProcessor extends OrderKeyedDelivery<OrderStatus, OrderStatusTarget> {

    private static final Logger log = LoggerFactory.getLogger(OrderStatusProcessor.class);

    public OrderStatusProcessor(Deserializer<OrderStatus> statuses, List<OrderStatusTarget> targets,
                                StorefrontCalls calls, SinkContext context) {
        super(statuses, "OrderStatus", byStore(targets, OrderStatusTarget::storefront), calls, context);
    }


    @Override
    public String what() {
        return "order status";
    }

    @Override
    protected String orderKeyOf(OrderStatus status) {
        return status.getOrderKey();
    }

    @Override
    protected Attempt deliver(ConsumerRecord<String, byte[]> record, PartitionLease lease, OrderStatus status,
                              Storefront storefront, OrderStatusTarget store) {
        String orderKey = status.getOrderKey();
        if (!StoreStatuses.known(status.getStatus())) {
            return deadLetter(record, lease, ErrorClass.MAPPING, "the P21 status of " + orderKey + " (P21 order "
                    + status.getP21OrderNo() + ", P21 says '" + status.getP21Status() + "') is one this version of the"
                    + " storefront-sink does not map to a " + storefront.displayName() + " status; upgrade the"
                    + " storefront-sink, then replay this dead letter");
        }
        Optional<StoreStatuses.Target> target = StoreStatuses.target(storefront, status.getStatus());
        if (target.isEmpty()) {
            count(storefront, "not-shown");
            log.info("order status {} of {}: {} has no such status; nothing to show", status.getStatus(), orderKey,
                    storefront.displayName());
            return new Attempt.Done();
        }
        String orderId = Storefront.orderIdOf(orderKey);
        return calls.writeInPlace(record, lease, context, storefront, "status '" + target.get().status()
                + "' for " + orderKey, () -> {
                    String current = store.status(orderId);
                    Optional<String> wait = StoreStatuses.waitsFor(storefront, status.getStatus(), current);
                    if (wait.isPresent()) {
                        throw new StoreNotReady(wait.get());
                    }
                    if (current.equals(target.get().status())) {
                        return "already-shown";
                    }
                    if (!StoreStatuses.shouldSet(storefront, current, target.get())) {
                        return "not-shown";
                    }
                    store.set(orderId, target.get());
                    return "changed";
                }, outcome -> {
                    count(storefront, outcome);
                    log.info("order status {} of {} (P21 order {}): {} {}", status.getStatus(), orderKey,
                            status.getP21OrderNo(), storefront.displayName(), outcome);
                });
    }

    private void count(Storefront storefront, String outcome) {
        context.metrics().counter("storefront.order.status", "storefront", storefront.id(), "outcome", outcome)
                .increment();
    }

}
