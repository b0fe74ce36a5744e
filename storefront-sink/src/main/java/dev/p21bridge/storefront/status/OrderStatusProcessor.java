package dev.p21bridge.storefront.status;

import dev.p21bridge.platform.consumer.PartitionLease;
import dev.p21bridge.platform.dlq.ErrorClass;
import dev.p21bridge.platform.sink.CanonicalReader.Decoded;
import dev.p21bridge.platform.sink.Delivery;
import dev.p21bridge.platform.sink.RetryFlow;
import dev.p21bridge.platform.sink.SinkContext;
import dev.p21bridge.schemas.OrderStatus;
import dev.p21bridge.storefront.Storefront;
import dev.p21bridge.storefront.StoreNotReady;
import dev.p21bridge.storefront.StorefrontCalls;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
public final class OrderStatusProcessor implements Delivery {

    private static final Logger log = LoggerFactory.getLogger(OrderStatusProcessor.class);

    private final Deserializer<OrderStatus> statuses;
    private final Map<Storefront, OrderStatusTarget> targets = new EnumMap<>(Storefront.class);
    private final StorefrontCalls calls;
    private final SinkContext context;

    public OrderStatusProcessor(Deserializer<OrderStatus> statuses, List<OrderStatusTarget> targets,
                                StorefrontCalls calls, SinkContext context) {
        this.statuses = statuses;
        targets.forEach(t -> this.targets.put(t.storefront(), t));
        this.calls = calls;
        this.context = context;
    }

    @Override
    public String what() {
        return "order status";
    }

    @Override
    public boolean permitsCalls(ConsumerRecord<String, byte[]> record) {
        Set<Storefront> wanted = Storefront.ofOrderKey(record.key()).map(s -> (Set<Storefront>) EnumSet.of(s))
                .orElseGet(() -> EnumSet.allOf(Storefront.class));
        return calls.circuits().anyPermitsCalls(wanted);
    }

    @Override
    public Attempt attempt(ConsumerRecord<String, byte[]> record, PartitionLease lease) {
        Decoded<OrderStatus> decoded = context.reader().read(record, statuses, "OrderStatus", lease);
        if (decoded instanceof Decoded.Value<OrderStatus> value) {
            return deliver(record, lease, value.value());
        }
        return decoded instanceof Decoded.DeadLettered ? new Attempt.Done() : new Attempt.Revoked();
    }

    private Attempt deliver(ConsumerRecord<String, byte[]> record, PartitionLease lease, OrderStatus status) {
        String orderKey = status.getOrderKey();
        Optional<Storefront> storefront = Storefront.ofOrderKey(orderKey);
        if (storefront.isEmpty() || !targets.containsKey(storefront.get())) {
            return deadLetter(record, lease, ErrorClass.VALIDATION, "order key '" + orderKey
                    + "' names no storefront this sink writes to (expected xcart:<order id> or clarity:<order id>)", 1);
        }
        if (!StoreStatuses.known(status.getStatus())) {
            return deadLetter(record, lease, ErrorClass.MAPPING, "the P21 status of " + orderKey + " (P21 order "
                    + status.getP21OrderNo() + ", P21 says '" + status.getP21Status() + "') is one this version of the"
                    + " storefront-sink does not map to a " + storefront.get().displayName() + " status; upgrade the"
                    + " storefront-sink, then replay this dead letter", 1);
        }
        Optional<StoreStatuses.Target> target = StoreStatuses.target(storefront.get(), status.getStatus());
        if (target.isEmpty()) {
            count(storefront.get(), "not-shown");
            log.info("order status {} of {}: {} has no such status; nothing to show", status.getStatus(), orderKey,
                    storefront.get().displayName());
            return new Attempt.Done();
        }
        OrderStatusTarget store = targets.get(storefront.get());
        String orderId = Storefront.orderIdOf(orderKey);
        return calls.writeInPlace(record, lease, context, storefront.get(), "status '" + target.get().status()
                + "' for " + orderKey, () -> {
                    String current = store.status(orderId);
                    Optional<String> wait = StoreStatuses.waitsFor(storefront.get(), status.getStatus(), current);
                    if (wait.isPresent()) {
                        throw new StoreNotReady(wait.get());
                    }
                    if (current.equals(target.get().status())) {
                        return "already-shown";
                    }
                    if (!StoreStatuses.shouldSet(storefront.get(), current, target.get())) {
                        return "not-shown";
                    }
                    store.set(orderId, target.get());
                    return "changed";
                }, outcome -> {
                    count(storefront.get(), outcome);
                    log.info("order status {} of {} (P21 order {}): {} {}", status.getStatus(), orderKey,
                            status.getP21OrderNo(), storefront.get().displayName(), outcome);
                });
    }

    private void count(Storefront storefront, String outcome) {
        context.metrics().counter("storefront.order.status", "storefront", storefront.id(), "outcome", outcome)
                .increment();
    }

    private Attempt deadLetter(ConsumerRecord<String, byte[]> record, PartitionLease lease, ErrorClass errorClass,
                               String message, int attempts) {
        return context.deadLetters().publish(record, lease, errorClass, message, attempts)
                ? new Attempt.Done() : new Attempt.Revoked();
    }
}
