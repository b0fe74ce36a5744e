package dev.p21bridge.p21;

import dev.p21bridge.platform.consumer.PartitionLease;
import dev.p21bridge.p21.SalesOrderOutcome.AlreadyExisted;
import dev.p21bridge.p21.SalesOrderOutcome.Created;
import dev.p21bridge.p21.SalesOrderOutcome.Rejected;
import dev.p21bridge.p21.SalesOrderOutcome.Transient;
import dev.p21bridge.platform.dlq.ErrorClass;
import dev.p21bridge.platform.retry.CircuitBreaker;
import dev.p21bridge.platform.retry.RetryRouter;
import dev.p21bridge.platform.topics.Topics;
import dev.p21bridge.schemas.ChangeType;
import dev.p21bridge.schemas.Order;
import dev.p21bridge.schemas.OrderConfirmation;
import dev.p21bridge.schemas.serde.SchemaRegistryException;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One delivery attempt of an order record, from {@code canonical.orders} or a retry topic: the order written to P21
 * and its outcome made durable, a confirmation on {@code canonical.order-confirmations} (order created or found) or
 * a dead letter on {@code dlq.p21-sink} ({@code mapping} for a value that cannot be read, {@code rejected-by-target}
 * with P21's message, {@code internal} for a fault of the sink), written with acks=all and awaited. A transient
 * failure is tried again in place a few times, quickly, while P21's circuit is closed and P21 did not ask to wait;
 * after that the attempt ends {@link Result.Failed} and {@link OrderRetryFlow} moves the record on.
 */
final class OrderRecordProcessor {

    private static final Logger log = LoggerFactory.getLogger(OrderRecordProcessor.class);
    static final String SERVICE = "p21-sink";
    /** Tries of one delivery before the record goes to a retry topic; the gaps are 25-50 ms and 50-100 ms. */
    static final int TRIES_IN_PLACE = 3;
    private static final BackoffRetry IN_PLACE = new BackoffRetry(Duration.ofMillis(50), Duration.ofMillis(200));

    /** How one delivery attempt ended. */
    sealed interface Result {
        /** The outcome is durable (confirmation, dead letter) or there is nothing to do (a deleted order). */
        record Done() implements Result {
        }

        /** P21 failed transiently on every try; {@code retryAfter} is how long P21 asked to wait (zero: unsaid). */
        record Failed(String reason, Duration retryAfter) implements Result {
        }

        /** The partition was taken away first; its next owner redoes the record. */
        record Revoked() implements Result {
        }
    }

    private final Deserializer<Order> orders;
    private final Serializer<OrderConfirmation> confirmations;
    private final SalesOrderWriter writer;
    private final Producer<String, byte[]> producer;
    private final RetryRouter router;
    private final CircuitBreaker breaker;
    private final MeterRegistry metrics;
    private final Clock clock;

    OrderRecordProcessor(Deserializer<Order> orders, Serializer<OrderConfirmation> confirmations,
                         SalesOrderWriter writer, Producer<String, byte[]> producer, RetryRouter router,
                         CircuitBreaker breaker, MeterRegistry metrics, Clock clock) {
        this.orders = orders;
        this.confirmations = confirmations;
        this.writer = writer;
        this.producer = producer;
        this.router = router;
        this.breaker = breaker;
        this.metrics = metrics;
        this.clock = clock;
    }

    Result process(ConsumerRecord<String, byte[]> record, PartitionLease lease) {
        Order order;
        for (int attempt = 1; ; attempt++) {
            try {
                if (record.value() == null) {
                    throw new IllegalArgumentException("the record has no value");
                }
                order = orders.deserialize(record.topic(), record.headers(), record.value());
                break;
            } catch (SchemaRegistryException e) {
                if (!e.isRetriable()) {
                    return deadLetter(record, lease, ErrorClass.MAPPING, cannotRead(record, e));
                }
                log.warn("schema registry unavailable reading offset {} (attempt {}): {}", record.offset(), attempt,
                        e.getMessage());
                if (lease.awaitRevoked(BackoffRetry.standard().delay(attempt))) {
                    return new Result.Revoked();
                }
            } catch (RuntimeException e) {
                return deadLetter(record, lease, ErrorClass.MAPPING, cannotRead(record, e));
            }
        }
        if (order.getChangeType() == ChangeType.DELETED) {
            log.info("order {} was deleted at the storefront; P21 is left as it is", order.getOrderKey());
            metrics.counter("p21.orders", "outcome", "ignored").increment();
            return new Result.Done();
        }
        return write(record, lease, order);
    }

    private Result write(ConsumerRecord<String, byte[]> record, PartitionLease lease, Order order) {
        for (int attempt = 1; ; attempt++) {
            SalesOrderOutcome outcome;
            try {
                outcome = writer.write(order);
            } catch (RuntimeException e) {
                log.error("writing {} failed inside the sink", order.getOrderKey(), e);
                return deadLetter(record, lease, ErrorClass.INTERNAL, "the p21-sink failed on this order: " + e);
            }
            metrics.counter("p21.orders", "outcome", label(outcome)).increment();
            if (outcome instanceof Created created) {
                return confirm(lease, order, created.orderNo(), created.customerId(), created.p21CreatedAt(), false);
            }
            if (outcome instanceof AlreadyExisted existing) {
                return confirm(lease, order, existing.orderNo(), existing.customerId(), existing.p21CreatedAt(),
                        true);
            }
            if (outcome instanceof Rejected rejected) {
                log.warn("P21 rejected order {}: {}", order.getOrderKey(), rejected.message());
                return deadLetter(record, lease, ErrorClass.REJECTED_BY_TARGET, rejected.message());
            }
            Transient failure = (Transient) outcome;
            boolean tryAgain = attempt < TRIES_IN_PLACE && failure.retryAfter().isZero()
                    && breaker.state() == CircuitBreaker.State.CLOSED;
            if (!tryAgain) {
                log.warn("order {} failed transiently ({} tries): {}", order.getOrderKey(), attempt, failure.reason());
                return new Result.Failed(failure.reason(), failure.retryAfter());
            }
            if (lease.awaitRevoked(IN_PLACE.delay(attempt))) {
                return new Result.Revoked();
            }
        }
    }

    private Result confirm(PartitionLease lease, Order order, String orderNo, String customerId,
                           Instant p21CreatedAt, boolean alreadyExisted) {
        OrderConfirmation confirmation = OrderConfirmation.newBuilder()
                .setOrderKey(order.getOrderKey())
                .setSource(order.getSource())
                .setOrderId(order.getOrderId())
                .setP21OrderNo(orderNo)
                .setP21CustomerId(customerId)
                .setSourceEventId(order.getSourceEventId())
                .setConfirmedAt(clock.instant())
                .setAlreadyExisted(alreadyExisted)
                .setP21CreatedAt(p21CreatedAt)
                .build();
        String topic = Topics.CANONICAL_ORDER_CONFIRMATIONS.name();
        return done(awaitDurable(lease, "confirmation of " + order.getOrderKey(), () -> producer.send(
                new ProducerRecord<>(topic, order.getOrderKey(), confirmations.serialize(topic, confirmation)))));
    }

    /** A dead letter naming the record's origin (canonical.orders, also for a record read from a retry topic). */
    private Result deadLetter(ConsumerRecord<String, byte[]> record, PartitionLease lease, ErrorClass errorClass,
                              String message) {
        metrics.counter("p21.dead.letters", "class", errorClass.label()).increment();
        int attempts = router.stateOf(record).attempt() + 1;
        return done(awaitDurable(lease, errorClass.label() + " dead letter of offset " + record.offset(),
                () -> router.deadLetter(record, errorClass, message, attempts)));
    }

    /**
     * Sends until Kafka acknowledges; a Kafka outage holds the record back rather than losing its outcome. False when
     * the lease was revoked first.
     */
    static boolean awaitDurable(PartitionLease lease, String what, Supplier<Future<?>> send) {
        for (int attempt = 1; ; attempt++) {
            try {
                send.get().get();
                return true;
            } catch (ExecutionException | RuntimeException e) {
                log.warn("writing the {} failed (attempt {}): {}", what, attempt, e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            if (lease.awaitRevoked(BackoffRetry.standard().delay(attempt))) {
                return false;
            }
        }
    }

    private static Result done(boolean durable) {
        return durable ? new Result.Done() : new Result.Revoked();
    }

    private static String cannotRead(ConsumerRecord<String, byte[]> record, RuntimeException e) {
        return "cannot read the record at " + record.topic() + "-" + record.partition() + "@" + record.offset()
                + " as a canonical Order: " + e.getMessage();
    }

    private static String label(SalesOrderOutcome outcome) {
        if (outcome instanceof Created) {
            return "created";
        }
        if (outcome instanceof AlreadyExisted) {
            return "existing";
        }
        return outcome instanceof Rejected ? "rejected" : "transient";
    }
}
