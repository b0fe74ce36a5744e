package dev.p21bridge.p21;

import dev.p21bridge.p21.SalesOrderOutcome.AlreadyExisted;
import dev.p21bridge.p21.SalesOrderOutcome.Created;
import dev.p21bridge.p21.SalesOrderOutcome.Rejected;
import dev.p21bridge.p21.SalesOrderOutcome.Transient;
import dev.p21bridge.p21.TransientFailureHandler.Decision;
import dev.p21bridge.platform.dlq.DeadLetterPublisher;
import dev.p21bridge.platform.dlq.ErrorClass;
import dev.p21bridge.platform.topics.Topics;
import dev.p21bridge.schemas.ChangeType;
import dev.p21bridge.schemas.Order;
import dev.p21bridge.schemas.OrderConfirmation;
import dev.p21bridge.schemas.serde.SchemaRegistryException;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
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
 * Takes one record of {@code canonical.orders} to a known, durable outcome: a confirmation on
 * {@code canonical.order-confirmations} (order created or found), or a dead letter on {@code dlq.p21-sink}
 * ({@code mapping} for a value that cannot be read, {@code rejected-by-target} with P21's message,
 * {@code internal} for a fault of the sink). Both are written with acks=all and awaited before the record counts
 * as done. Transient failures go to the {@link TransientFailureHandler}; the record is retried until it succeeds or
 * the partition is taken away.
 */
final class OrderRecordProcessor {

    private static final Logger log = LoggerFactory.getLogger(OrderRecordProcessor.class);
    static final String SERVICE = "p21-sink";

    private final Deserializer<Order> orders;
    private final Serializer<OrderConfirmation> confirmations;
    private final SalesOrderWriter writer;
    private final Producer<String, byte[]> producer;
    private final DeadLetterPublisher deadLetters;
    private final TransientFailureHandler transientFailures;
    private final MeterRegistry metrics;
    private final Clock clock;

    OrderRecordProcessor(Deserializer<Order> orders, Serializer<OrderConfirmation> confirmations,
                         SalesOrderWriter writer, Producer<String, byte[]> producer,
                         TransientFailureHandler transientFailures, MeterRegistry metrics, Clock clock) {
        this.orders = orders;
        this.confirmations = confirmations;
        this.writer = writer;
        this.producer = producer;
        this.deadLetters = new DeadLetterPublisher(producer, SERVICE);
        this.transientFailures = transientFailures;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** True when the record's outcome is durable; false when the lease was revoked first (the next owner redoes it). */
    boolean process(ConsumerRecord<String, byte[]> record, PartitionLease lease) {
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
                    return deadLetter(record, lease, ErrorClass.MAPPING, cannotRead(record, e), 1);
                }
                log.warn("schema registry unavailable reading offset {} (attempt {}): {}", record.offset(), attempt,
                        e.getMessage());
                if (lease.awaitRevoked(BackoffRetry.standard().delay(attempt))) {
                    return false;
                }
            } catch (RuntimeException e) {
                return deadLetter(record, lease, ErrorClass.MAPPING, cannotRead(record, e), 1);
            }
        }
        if (order.getChangeType() == ChangeType.DELETED) {
            log.info("order {} was deleted at the storefront; P21 is left as it is", order.getOrderKey());
            metrics.counter("p21.orders", "outcome", "ignored").increment();
            return true;
        }
        for (int attempt = 1; ; attempt++) {
            SalesOrderOutcome outcome;
            try {
                outcome = writer.write(order);
            } catch (RuntimeException e) {
                log.error("writing {} failed inside the sink", order.getOrderKey(), e);
                return deadLetter(record, lease, ErrorClass.INTERNAL, "the p21-sink failed on this order: " + e, attempt);
            }
            metrics.counter("p21.orders", "outcome", label(outcome)).increment();
            if (outcome instanceof Created created) {
                return confirm(lease, order, created.orderNo(), created.customerId(), false);
            }
            if (outcome instanceof AlreadyExisted existing) {
                return confirm(lease, order, existing.orderNo(), existing.customerId(), true);
            }
            if (outcome instanceof Rejected rejected) {
                log.warn("P21 rejected order {}: {}", order.getOrderKey(), rejected.message());
                return deadLetter(record, lease, ErrorClass.REJECTED_BY_TARGET, rejected.message(), attempt);
            }
            String reason = ((Transient) outcome).reason();
            if (attempt == 1 || attempt % 10 == 0) {
                log.warn("order {} attempt {} failed transiently: {}", order.getOrderKey(), attempt, reason);
            }
            Decision decision = transientFailures.onTransient(record, reason, attempt);
            if (decision instanceof Decision.HandedOff) {
                return true;
            }
            if (lease.awaitRevoked(((Decision.RetryAfter) decision).delay())) {
                return false;
            }
        }
    }

    private boolean confirm(PartitionLease lease, Order order, String orderNo, String customerId,
                            boolean alreadyExisted) {
        OrderConfirmation confirmation = OrderConfirmation.newBuilder()
                .setOrderKey(order.getOrderKey())
                .setSource(order.getSource())
                .setOrderId(order.getOrderId())
                .setP21OrderNo(orderNo)
                .setP21CustomerId(customerId)
                .setSourceEventId(order.getSourceEventId())
                .setConfirmedAt(clock.instant())
                .setAlreadyExisted(alreadyExisted)
                .build();
        String topic = Topics.CANONICAL_ORDER_CONFIRMATIONS.name();
        return awaitDurable(lease, "confirmation of " + order.getOrderKey(), () -> producer.send(
                new ProducerRecord<>(topic, order.getOrderKey(), confirmations.serialize(topic, confirmation))));
    }

    private boolean deadLetter(ConsumerRecord<String, byte[]> record, PartitionLease lease, ErrorClass errorClass,
                               String message, int attempts) {
        metrics.counter("p21.dead.letters", "class", errorClass.label()).increment();
        return awaitDurable(lease, errorClass.label() + " dead letter of offset " + record.offset(),
                () -> deadLetters.publish(record, errorClass, message, attempts, clock.instant()));
    }

    /** Sends until Kafka acknowledges; a Kafka outage holds the record back rather than losing its outcome. */
    private boolean awaitDurable(PartitionLease lease, String what, Supplier<Future<?>> send) {
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
