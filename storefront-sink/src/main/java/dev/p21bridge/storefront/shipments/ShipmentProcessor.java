package dev.p21bridge.storefront.shipments;

import dev.p21bridge.platform.consumer.PartitionLease;
import dev.p21bridge.platform.dlq.ErrorClass;
import dev.p21bridge.platform.sink.CanonicalReader.Decoded;
import dev.p21bridge.platform.sink.Delivery;
import dev.p21bridge.platform.sink.InternalFault;
import dev.p21bridge.platform.sink.RetryFlow;
import dev.p21bridge.platform.sink.SinkContext;
import dev.p21bridge.schemas.Shipment;
import dev.p21bridge.storefront.RefusedValue;
import dev.p21bridge.storefront.Storefront;
import dev.p21bridge.storefront.StorefrontCallException;
import dev.p21bridge.storefront.StorefrontCalls;
import dev.p21bridge.storefront.StorefrontClient.ShipOutcome;
import dev.p21bridge.storefront.StorefrontClient;
import dev.p21bridge.storefront.Storefronts;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One delivery attempt of a record of {@code canonical.shipments} (or of a retry topic) to the storefront its order
 * key names ({@code <store>:<order id>}, the key P21 keeps in {@code web_reference_no}; a store of
 * {@code BRIDGE_STORES}, with its own client, URL and token): the order is read
 * first and only what it does not show yet is sent ({@link StorefrontClient#ship}; for a pick ticket that left the
 * order open, {@link StorefrontClient#shipPart}, which never marks the order shipped), so a redelivered, replayed or
 * retried shipment, also one whose earlier answer never came (unknown outcome), repeats no state-changing call.
 * Refusals become {@code rejected-by-target} dead letters with the storefront's words. A transient failure is tried
 * again in place, quickly, up to {@code triesInPlace} tries while the storefront's circuit is closed and it did not
 * ask to wait; then the attempt ends {@link Attempt.Failed} and the {@link RetryFlow} moves the record on.
 *
 * <p>Metric: {@code storefront.shipments{storefront, outcome=changed|already-done|left-as-is}}.
 */
public final class ShipmentProcessor implements Delivery {

    private static final Logger log = LoggerFactory.getLogger(ShipmentProcessor.class);

    private final Deserializer<Shipment> shipments;
    private final Map<Storefront, StorefrontClient> clients;
    private final Storefronts stores;
    private final StorefrontCalls calls;
    private final SinkContext context;

    public ShipmentProcessor(Deserializer<Shipment> shipments, Map<Storefront, StorefrontClient> clients,
                             StorefrontCalls calls, SinkContext context) {
        this.shipments = shipments;
        this.clients = Map.copyOf(clients);
        this.stores = new Storefronts(clients.keySet());
        this.calls = calls;
        this.context = context;
    }

    @Override
    public String what() {
        return "shipment";
    }

    /**
     * Whether the storefront of the order key takes calls; any storefront when the key names none (the record becomes
     * a dead letter).
     */
    @Override
    public boolean permitsCalls(ConsumerRecord<String, byte[]> record) {
        Set<Storefront> targets = stores.ofOrderKey(record.key()).map(Set::of)
                .orElseGet(() -> Set.copyOf(stores.all()));
        return calls.circuits().anyPermitsCalls(targets);
    }

    @Override
    public Attempt attempt(ConsumerRecord<String, byte[]> record, PartitionLease lease) {
        Decoded<Shipment> decoded = context.reader().read(record, shipments, "Shipment", lease);
        if (decoded instanceof Decoded.Value<Shipment> value) {
            return ship(record, lease, value.value());
        }
        return decoded instanceof Decoded.DeadLettered ? new Attempt.Done() : new Attempt.Revoked();
    }

    private Attempt ship(ConsumerRecord<String, byte[]> record, PartitionLease lease, Shipment shipment) {
        String orderKey = shipment.getOrderKey();
        Optional<Storefront> storefront = stores.ofOrderKey(orderKey);
        if (storefront.isEmpty()) {
            return deadLetter(record, lease, ErrorClass.VALIDATION, stores.unknownOrderKey(orderKey), 1);
        }
        StorefrontClient client = clients.get(storefront.get());
        String orderId = Storefront.orderIdOf(orderKey);
        for (int attempt = 1; ; attempt++) {
            try {
                // a pick ticket that left the order open is no shipment of the whole order (null: an older record)
                boolean partial = Boolean.FALSE.equals(shipment.getOrderComplete());
                ShipOutcome outcome = partial
                        ? client.shipPart(orderId, shipment.getCarrier(), shipment.getTrackingNumbers())
                        : client.ship(orderId, shipment.getCarrier(), shipment.getTrackingNumbers());
                context.metrics().counter("storefront.shipments", "storefront", storefront.get().id(), "outcome", label(outcome))
                        .increment();
                log.info("shipment of {} (pick ticket {}): {}", orderKey, shipment.getPickTicketNo(), label(outcome));
                return new Attempt.Done();
            } catch (StorefrontCallException e) {
                if (calls.refused(e)) {
                    return deadLetter(record, lease, ErrorClass.REJECTED_BY_TARGET, storefront.get().displayName()
                            + " refused the shipment of " + orderKey + ": " + e.detail(), attempt);
                }
                Duration retryAfter = calls.retryAfter(e);
                if (!calls.tryAgainInPlace(attempt, retryAfter, storefront.get())) {
                    log.warn("shipment of {} failed transiently ({} tries): {}", orderKey, attempt, e.getMessage());
                    return new Attempt.Failed(calls.circuits().of(storefront.get()), e.getMessage(), retryAfter);
                }
                if (!calls.pauseBeforeNextTry(lease, attempt)) {
                    return new Attempt.Revoked();
                }
            } catch (RefusedValue e) {
                return deadLetter(record, lease, ErrorClass.VALIDATION, "the shipment was not sent: " + e.getMessage(),
                        attempt);
            } catch (RuntimeException e) {
                log.error("shipping {} failed inside the sink", orderKey, e);
                return deadLetter(record, lease, ErrorClass.INTERNAL,
                        InternalFault.message("storefront-sink", "shipment", e), attempt);
            }
        }
    }

    private Attempt deadLetter(ConsumerRecord<String, byte[]> record, PartitionLease lease, ErrorClass errorClass,
                               String message, int attempts) {
        return context.deadLetters().publish(record, lease, errorClass, message, attempts)
                ? new Attempt.Done() : new Attempt.Revoked();
    }

    private static String label(ShipOutcome outcome) {
        return switch (outcome) {
            case CHANGED -> "changed";
            case ALREADY_DONE -> "already-done";
            case LEFT_AS_IS -> "left-as-is";
        };
    }
}
