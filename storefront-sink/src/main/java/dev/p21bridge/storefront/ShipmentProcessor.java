package dev.p21bridge.storefront;

import dev.p21bridge.platform.dlq.ErrorClass;
import dev.p21bridge.schemas.Shipment;
import dev.p21bridge.storefront.CanonicalReader.Decoded;
import dev.p21bridge.storefront.StorefrontClient.ShipOutcome;
import dev.p21bridge.storefront.TransientFailureHandler.Decision;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes one record of {@code canonical.shipments} to the storefront its order key names ({@code xcart:} or
 * {@code clarity:}, the key P21 keeps in {@code web_reference_no}): the order is read first and only what it does
 * not show yet is sent ({@link StorefrontClient#ship}), so a redelivered, replayed or retried shipment repeats no
 * state-changing call. Refusals become {@code rejected-by-target} dead letters with the storefront's words; transient
 * failures go to the {@link TransientFailureHandler} and hold the offset back until they succeed.
 *
 * <p>Metric: {@code storefront.shipments{storefront, outcome=changed|already-done|left-as-is}}.
 */
final class ShipmentProcessor implements RecordHandler {

    private static final Logger log = LoggerFactory.getLogger(ShipmentProcessor.class);

    private final Deserializer<Shipment> shipments;
    private final Map<Storefront, StorefrontClient> clients;
    private final CanonicalReader reader;
    private final DeadLetters deadLetters;
    private final StorefrontErrorPolicy policy;
    private final TransientFailureHandler transientFailures;
    private final MeterRegistry metrics;

    ShipmentProcessor(Deserializer<Shipment> shipments, Map<Storefront, StorefrontClient> clients,
                      CanonicalReader reader, DeadLetters deadLetters, StorefrontErrorPolicy policy,
                      TransientFailureHandler transientFailures, MeterRegistry metrics) {
        this.shipments = shipments;
        this.clients = Map.copyOf(clients);
        this.reader = reader;
        this.deadLetters = deadLetters;
        this.policy = policy;
        this.transientFailures = transientFailures;
        this.metrics = metrics;
    }

    @Override
    public void handle(ConsumerRecord<String, byte[]> record, PartitionLease lease) {
        Decoded<Shipment> decoded = reader.read(record, shipments, "Shipment", lease);
        boolean done;
        if (decoded instanceof Decoded.Value<Shipment> value) {
            done = ship(record, lease, value.value());
        } else {
            done = decoded instanceof Decoded.DeadLettered;
        }
        if (done) {
            lease.offsets().completed(record.offset());
        }
    }

    /** True when the outcome is durable; false when the lease was revoked first. */
    boolean ship(ConsumerRecord<String, byte[]> record, PartitionLease lease, Shipment shipment) {
        String orderKey = shipment.getOrderKey();
        Optional<Storefront> storefront = Storefront.ofOrderKey(orderKey);
        if (storefront.isEmpty() || !clients.containsKey(storefront.get())) {
            return deadLetters.publish(record, lease, ErrorClass.VALIDATION, "order key '" + orderKey
                    + "' names no storefront this sink writes to (expected xcart:<order id> or clarity:<order id>)", 1);
        }
        StorefrontClient client = clients.get(storefront.get());
        String orderId = Storefront.orderIdOf(orderKey);
        for (int attempt = 1; ; attempt++) {
            try {
                ShipOutcome outcome = client.ship(orderId, shipment.getCarrier(), shipment.getTrackingNumbers());
                metrics.counter("storefront.shipments", "storefront", storefront.get().id(), "outcome", label(outcome))
                        .increment();
                log.info("shipment of {} (pick ticket {}): {}", orderKey, shipment.getPickTicketNo(), label(outcome));
                return true;
            } catch (StorefrontCallException e) {
                if (policy.classify(e) == StorefrontErrorPolicy.Verdict.REJECTED) {
                    return deadLetters.publish(record, lease, ErrorClass.REJECTED_BY_TARGET,
                            storefront.get().displayName() + " refused the shipment of " + orderKey + ": "
                                    + e.detail(), attempt);
                }
                if (attempt == 1 || attempt % 10 == 0) {
                    log.warn("shipment of {} attempt {} failed transiently: {}", orderKey, attempt, e.getMessage());
                }
                Decision decision = transientFailures.onTransient(record, e.getMessage(), attempt);
                if (decision instanceof Decision.HandedOff) {
                    return true;
                }
                if (lease.awaitRevoked(policy.retryDelay(e, ((Decision.RetryAfter) decision).delay()))) {
                    return false;
                }
            } catch (RuntimeException e) {
                log.error("shipping {} failed inside the sink", orderKey, e);
                return deadLetters.publish(record, lease, ErrorClass.INTERNAL,
                        "the storefront-sink failed on this shipment: " + e, attempt);
            }
        }
    }

    private static String label(ShipOutcome outcome) {
        return switch (outcome) {
            case CHANGED -> "changed";
            case ALREADY_DONE -> "already-done";
            case LEFT_AS_IS -> "left-as-is";
        };
    }
}
