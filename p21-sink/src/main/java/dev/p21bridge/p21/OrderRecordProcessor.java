package dev.p21bridge.p21;

import dev.p21bridge.p21.SalesOrderOutcome.AlreadyExisted;
import dev.p21bridge.p21.SalesOrderOutcome.Cancelled;
import dev.p21bridge.p21.SalesOrderOutcome.Created;
import dev.p21bridge.p21.SalesOrderOutcome.Rejected;
import dev.p21bridge.p21.SalesOrderOutcome.RejectedByRisk;
import dev.p21bridge.p21.SalesOrderOutcome.Skipped;
import dev.p21bridge.p21.SalesOrderOutcome.Transient;
import dev.p21bridge.p21.SalesOrderOutcome.Unchanged;
import dev.p21bridge.p21.SalesOrderOutcome.Updated;
import dev.p21bridge.platform.consumer.PartitionLease;
import dev.p21bridge.platform.dlq.DeadLetterHeaders;
import dev.p21bridge.platform.dlq.ErrorClass;
import dev.p21bridge.platform.holds.Hold;
import dev.p21bridge.platform.holds.HoldState;
import dev.p21bridge.platform.orders.FirstCreate;
import dev.p21bridge.platform.retry.CircuitBreaker;
import dev.p21bridge.platform.retry.InPlaceRetry;
import dev.p21bridge.platform.sink.CanonicalReader.Decoded;
import dev.p21bridge.platform.sink.Delivery;
import dev.p21bridge.platform.sink.InternalFault;
import dev.p21bridge.platform.sink.RetryFlow;
import dev.p21bridge.platform.sink.SinkContext;
import dev.p21bridge.platform.topics.Topics;
import dev.p21bridge.schemas.ChangeType;
import dev.p21bridge.schemas.Order;
import dev.p21bridge.schemas.OrderConfirmation;
import dev.p21bridge.schemas.OrderStatus;
import dev.p21bridge.schemas.OrderStatusCode;
import java.time.Duration;
import java.util.List;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One delivery attempt of an order record, from {@code canonical.orders} or a retry topic: the order written to P21
 * and its outcome made durable, a confirmation on {@code canonical.order-confirmations} (order created or found; or,
 * for an order that is not payable, a record with {@code skippedReason} and an empty P21 order number) or
 * a dead letter on {@code dlq.p21-sink} ({@code mapping} for a value that cannot be read, {@code rejected-by-target}
 * with P21's message or the bridge's own refusal of an edit after shipment or a cancellation it cannot apply, {@code internal} for a fault of the sink), written with acks=all and awaited. A transient
 * failure is tried again on the spot as {@link InPlaceRetry} allows (a few jittered tries within a time budget, P21's
 * Retry-After honoured when it fits, only while P21's circuit is closed); each try looks the order up first, except
 * the first try of an order P21 cannot have yet ({@link #isUnseen}), which is a single create. What still fails ends
 * {@link Attempt.Failed} and the {@link RetryFlow} moves the record on.
 */
final class OrderRecordProcessor implements Delivery {

    private static final Logger log = LoggerFactory.getLogger(OrderRecordProcessor.class);
    static final String SERVICE = "p21-sink";

    private final Deserializer<Order> orders;
    private final Serializer<OrderConfirmation> confirmations;
    private final Serializer<OrderStatus> statuses;
    private final SalesOrderWriter writer;
    private final CircuitBreaker breaker;
    private final InPlaceRetry inPlace;
    private final SinkContext context;

    OrderRecordProcessor(Deserializer<Order> orders, Serializer<OrderConfirmation> confirmations,
                         Serializer<OrderStatus> statuses, SalesOrderWriter writer, CircuitBreaker breaker,
                         InPlaceRetry inPlace, SinkContext context) {
        this.orders = orders;
        this.confirmations = confirmations;
        this.statuses = statuses;
        this.writer = writer;
        this.breaker = breaker;
        this.inPlace = inPlace;
        this.context = context;
    }

    @Override
    public String what() {
        return "order";
    }

    /** A due retry order waits while P21's circuit refuses calls. */
    @Override
    public boolean permitsCalls(ConsumerRecord<String, byte[]> record) {
        return breaker.permitsCalls();
    }

    @Override
    public Attempt attempt(ConsumerRecord<String, byte[]> record, PartitionLease lease) {
        Decoded<Order> decoded = context.reader().read(record, orders, "Order", lease);
        if (!(decoded instanceof Decoded.Value<Order> value)) {
            return decoded instanceof Decoded.DeadLettered ? new Attempt.Done() : new Attempt.Revoked();
        }
        Order order = value.value();
        if (order.getChangeType() == ChangeType.DELETED) {
            log.info("order {} was deleted at the storefront; P21 is left as it is", order.getOrderKey());
            context.metrics().counter("p21.orders", "outcome", "ignored").increment();
            return new Attempt.Done();
        }
        return write(record, lease, order);
    }

    private Attempt write(ConsumerRecord<String, byte[]> record, PartitionLease lease, Order order) {
        InPlaceRetry.Outcome<SalesOrderOutcome> tried;
        boolean[] unseen = {isUnseen(record, lease, order)};
        try {
            tried = inPlace.run(() -> {
                // a try that may have reached P21 with a create leaves the next one to look first
                SalesOrderOutcome outcome = writer.write(order, unseen[0]);
                unseen[0] &= outcome instanceof Transient failure && failure.untouched();
                return counted(outcome);
            }, OrderRecordProcessor::failureOf, lease::awaitRevoked);
        } catch (RuntimeException e) {
            log.error("writing {} failed inside the sink", order.getOrderKey(), e);
            return deadLetter(record, lease, ErrorClass.INTERNAL, InternalFault.message("p21-sink", "order", e));
        }
        if (tried instanceof InPlaceRetry.Outcome.Revoked<SalesOrderOutcome>) {
            return new Attempt.Revoked();
        }
        if (tried instanceof InPlaceRetry.Outcome.GaveUp<SalesOrderOutcome> gaveUp) {
            log.warn("order {} failed transiently ({} tries): {}", order.getOrderKey(), gaveUp.tries(),
                    gaveUp.last().reason());
            return new Attempt.Failed(breaker, gaveUp.last().reason(), gaveUp.last().retryAfter());
        }
        SalesOrderOutcome outcome = ((InPlaceRetry.Outcome.Settled<SalesOrderOutcome>) tried).result();
        if (outcome instanceof Created created) {
            if (RiskPolicy.holds(order) && !recordHold(record, lease, order, created.orderNo())) {
                return new Attempt.Revoked();
            }
            return confirm(record, lease, order, created.orderNo(), created.customerId(), created.p21CreatedAt(), false);
        }
        if (outcome instanceof AlreadyExisted existing) {
            Optional<Attempt> held = recordHoldAgain(record, lease, order, existing.orderNo());
            if (held.isPresent()) {
                return held.get();
            }
            return confirm(record, lease, order, existing.orderNo(), existing.customerId(), existing.p21CreatedAt(),
                    true);
        }
        if (outcome instanceof RejectedByRisk rejected) {
            log.info("order {} rejected by its risk score; not written to P21, cancelled in the store: {}",
                    order.getOrderKey(), rejected.reason());
            if (!cancelInStore(record, lease, order, rejected.reason())) {
                return new Attempt.Revoked();
            }
            return publish(record, lease, order, base(order).setP21OrderNo("").setP21CustomerId("")
                    .setSkippedReason(rejected.reason()).build());
        }
        if (outcome instanceof Skipped skipped) {
            log.info("order {} is not payable and was not written to P21: {}", order.getOrderKey(), skipped.reason());
            return publish(record, lease, order, base(order).setP21OrderNo("").setP21CustomerId("")
                    .setSkippedReason(skipped.reason()).build());
        }
        // an update is confirmed as an order found, as every update was before edits reached P21, so whatever
        // reads confirmations sees one per order record as it always did
        if (outcome instanceof Updated updated) {
            return confirm(record, lease, order, updated.orderNo(), updated.customerId(), updated.p21CreatedAt(),
                    true);
        }
        if (outcome instanceof Cancelled cancelled) {
            return confirm(record, lease, order, cancelled.orderNo(), cancelled.customerId(),
                    cancelled.p21CreatedAt(), true);
        }
        if (outcome instanceof Unchanged unchanged) {
            return confirm(record, lease, order, unchanged.orderNo(), unchanged.customerId(),
                    unchanged.p21CreatedAt(), true);
        }
        Rejected rejected = (Rejected) outcome;
        log.warn("P21 rejected order {}: {}", order.getOrderKey(), rejected.message());
        return deadLetter(record, lease, ErrorClass.REJECTED_BY_TARGET, rejected.message());
    }

    /**
     * True when P21 cannot have this order yet, so its create needs no look-up first: a new order the transformer
     * vouches no earlier record of its key exists for ({@link FirstCreate}), read from canonical.orders for the first
     * time by any instance (written after this assignment began, so no earlier owner can have created it and crashed
     * before committing), and not a replay from the dead letters. Anything else is looked up, as it always was.
     */
    private static boolean isUnseen(ConsumerRecord<String, byte[]> record, PartitionLease lease, Order order) {
        return order.getChangeType() == ChangeType.CREATED
                && record.topic().equals(Topics.CANONICAL_ORDERS.name())
                && lease.isFirstReading(record.offset())
                && FirstCreate.isMarked(record.headers())
                && record.headers().lastHeader(DeadLetterHeaders.REPLAY_COUNT) == null;
    }

    /**
     * Records a risk-held order as {@code held} on {@code bridge.holds}, awaited, before its confirmation: the holds
     * list and the decisions read it. False when the lease was revoked first.
     */
    private boolean recordHold(ConsumerRecord<String, byte[]> record, PartitionLease lease, Order order,
                               String orderNo) {
        Hold hold = new Hold(order.getOrderKey(), storeOf(order.getOrderKey()), orderNo, order.getRisk().getScore(),
                RiskPolicy.reasonLines(order.getRisk()), RiskPolicy.holdReason(order).orElse(null), HoldState.HELD,
                context.clock().instant(), null, null, null);
        String topic = Topics.HOLDS.name();
        return context.deadLetters().settle(record, lease, "hold of " + order.getOrderKey(),
                () -> context.producer().send(new ProducerRecord<>(topic, order.getOrderKey(), hold.toJson())))
                .isDurable();
    }

    /**
     * A risk-held order found in P21 again (its record delivered twice, perhaps after the sink stopped between the
     * create and the hold record): recorded as held again while P21 still holds it. Empty to go on confirming; an
     * attempt when the lease was revoked or P21 could not say (tried again later).
     */
    private Optional<Attempt> recordHoldAgain(ConsumerRecord<String, byte[]> record, PartitionLease lease, Order order,
                                              String orderNo) {
        if (!RiskPolicy.holds(order)) {
            return Optional.empty();
        }
        boolean held;
        try {
            held = writer.stillHeld(orderNo);
        } catch (RuntimeException e) {
            return Optional.of(new Attempt.Failed(breaker, "could not read whether P21 order " + orderNo
                    + " is still on hold: " + e.getMessage(), Duration.ZERO));
        }
        if (held && !recordHold(record, lease, order, orderNo)) {
            return Optional.of(new Attempt.Revoked());
        }
        return Optional.empty();
    }

    /**
     * Has the storefront cancel an order the risk score rejected: a {@code CANCELLED} status on
     * {@code canonical.order-status}, which the storefront-sink applies as it applies P21's cancellations (once, never
     * moving an order back, retried and dead-lettered by its own policy). Its P21 order number is empty: P21 never had
     * it. False when the lease was revoked first.
     */
    private boolean cancelInStore(ConsumerRecord<String, byte[]> record, PartitionLease lease, Order order,
                                  String reason) {
        Instant now = context.clock().instant();
        OrderStatus status = OrderStatus.newBuilder()
                .setOrderKey(order.getOrderKey()).setSource(order.getSource()).setOrderId(order.getOrderId())
                .setSourceEventId(order.getSourceEventId()).setEventTime(now).setP21OrderNo("")
                .setStatus(OrderStatusCode.CANCELLED).setP21Status("not created in P21: " + reason)
                .setChangedAt(now).setPickTicketNo(null).setLines(List.of()).build();
        String topic = Topics.CANONICAL_ORDER_STATUS.name();
        return context.deadLetters().settle(record, lease, "store cancellation of " + order.getOrderKey(),
                () -> context.producer().send(new ProducerRecord<>(topic, order.getOrderKey(),
                        statuses.serialize(topic, status)))).isDurable();
    }

    /** The store of an order key {@code <store>:<order id>}. */
    static String storeOf(String orderKey) {
        int colon = orderKey.indexOf(':');
        return colon < 0 ? orderKey : orderKey.substring(0, colon);
    }

    private SalesOrderOutcome counted(SalesOrderOutcome outcome) {
        context.metrics().counter("p21.orders", "outcome", label(outcome)).increment();
        return outcome;
    }

    private static Optional<InPlaceRetry.Failure> failureOf(SalesOrderOutcome outcome) {
        return outcome instanceof Transient failure
                ? Optional.of(InPlaceRetry.Failure.of(failure.reason(), failure.retryAfter()))
                : Optional.empty();
    }

    private Attempt confirm(ConsumerRecord<String, byte[]> record, PartitionLease lease, Order order, String orderNo, String customerId,
                            Instant p21CreatedAt, boolean alreadyExisted) {
        OrderConfirmation confirmation = base(order)
                .setP21OrderNo(orderNo)
                .setP21CustomerId(customerId)
                .setAlreadyExisted(alreadyExisted)
                .setP21CreatedAt(p21CreatedAt)
                .build();
        return publish(record, lease, order, confirmation);
    }

    private OrderConfirmation.Builder base(Order order) {
        return OrderConfirmation.newBuilder()
                .setOrderKey(order.getOrderKey())
                .setSource(order.getSource())
                .setOrderId(order.getOrderId())
                .setSourceEventId(order.getSourceEventId())
                .setConfirmedAt(context.clock().instant())
                .setAlreadyExisted(false);
    }

    /** A confirmation, or the record of why an order was skipped, written with acks=all and awaited. */
    private Attempt publish(ConsumerRecord<String, byte[]> record, PartitionLease lease, Order order,
                            OrderConfirmation confirmation) {
        String topic = Topics.CANONICAL_ORDER_CONFIRMATIONS.name();
        return done(context.deadLetters().settle(record, lease, "confirmation of " + order.getOrderKey(),
                () -> context.producer().send(new ProducerRecord<>(topic, order.getOrderKey(),
                        confirmations.serialize(topic, confirmation)))).isDurable());
    }

    /** A dead letter naming the record's origin (canonical.orders, also for a record read from a retry topic). */
    private Attempt deadLetter(ConsumerRecord<String, byte[]> record, PartitionLease lease, ErrorClass errorClass,
                               String message) {
        return done(context.deadLetters().publish(record, lease, errorClass, message, 1));
    }

    private static Attempt done(boolean durable) {
        return durable ? new Attempt.Done() : new Attempt.Revoked();
    }

    private static String label(SalesOrderOutcome outcome) {
        if (outcome instanceof Created) {
            return "created";
        }
        if (outcome instanceof AlreadyExisted) {
            return "existing";
        }
        if (outcome instanceof Skipped) {
            return "skipped";
        }
        if (outcome instanceof Updated) {
            return "updated";
        }
        if (outcome instanceof Cancelled) {
            return "cancelled";
        }
        if (outcome instanceof Unchanged) {
            return "unchanged";
        }
        if (outcome instanceof RejectedByRisk) {
            return "rejected-by-risk";
        }
        return outcome instanceof Rejected ? "rejected" : "transient";
    }
}
