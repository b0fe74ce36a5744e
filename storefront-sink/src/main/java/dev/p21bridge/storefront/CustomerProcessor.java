package dev.p21bridge.storefront;

import dev.p21bridge.platform.consumer.PartitionLease;
import dev.p21bridge.platform.dlq.ErrorClass;
import dev.p21bridge.platform.logging.PersonalData;
import dev.p21bridge.schemas.Customer;
import dev.p21bridge.schemas.Source;
import dev.p21bridge.storefront.CanonicalReader.Decoded;
import dev.p21bridge.storefront.StorefrontCustomers.SyncOutcome;
import dev.p21bridge.storefront.Delivery.Attempt;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes a P21 customer change from {@code canonical.customers} (key: e-mail) to every storefront that has a customer
 * with that e-mail. P21 is the system of record, so only records with source {@code P21} are written; a storefront's
 * own change is not copied to the other storefront. Each storefront is read first and written only when it shows
 * something else ({@link StorefrontCustomers#sync}), so a redelivered, replayed or retried record repeats no
 * state-changing call. Only names, phone and address are written ({@link CustomerFields}), never financial fields.
 *
 * <p>A refusal becomes one {@code rejected-by-target} dead letter naming the storefronts that refused (with their
 * words), after the others were written. A transient failure is tried again in place, quickly, up to
 * {@code triesInPlace} tries while the storefront's circuit is closed and it did not ask to wait; then the attempt
 * ends {@link Attempt.Failed} and {@link StorefrontRetryFlow} moves the record through the retry topics (a later
 * change of the same e-mail waits behind it). Metric:
 * {@code storefront.customers{storefront, outcome=changed|already-current|not-a-customer}}, and
 * {@code storefront.customers{storefront=none, outcome=not-from-p21}} for skipped records.
 */
final class CustomerProcessor implements Delivery {

    private static final Logger log = LoggerFactory.getLogger(CustomerProcessor.class);
    private static final BackoffRetry IN_PLACE = BackoffRetry.inPlace();

    private final Deserializer<Customer> customers;
    private final List<StorefrontCustomers> storefronts;
    private final CanonicalReader reader;
    private final DeadLetters deadLetters;
    private final StorefrontErrorPolicy policy;
    private final StorefrontCircuits circuits;
    private final int triesInPlace;
    private final MeterRegistry metrics;

    CustomerProcessor(Deserializer<Customer> customers, List<StorefrontCustomers> storefronts, CanonicalReader reader,
                      DeadLetters deadLetters, StorefrontErrorPolicy policy, StorefrontCircuits circuits,
                      int triesInPlace, MeterRegistry metrics) {
        this.customers = customers;
        this.storefronts = List.copyOf(storefronts);
        this.reader = reader;
        this.deadLetters = deadLetters;
        this.policy = policy;
        this.circuits = circuits;
        this.triesInPlace = triesInPlace;
        this.metrics = metrics;
    }

    @Override
    public String what() {
        return "customer change";
    }

    @Override
    public Set<Storefront> targets(ConsumerRecord<String, byte[]> record) {
        Set<Storefront> targets = EnumSet.noneOf(Storefront.class);
        storefronts.forEach(s -> targets.add(s.storefront()));
        return targets;
    }

    @Override
    public Attempt attempt(ConsumerRecord<String, byte[]> record, PartitionLease lease) {
        Decoded<Customer> decoded = reader.read(record, customers, "Customer", lease);
        if (decoded instanceof Decoded.Value<Customer> value) {
            return write(record, lease, value.value());
        }
        return decoded instanceof Decoded.DeadLettered ? new Attempt.Done() : new Attempt.Revoked();
    }

    private Attempt write(ConsumerRecord<String, byte[]> record, PartitionLease lease, Customer customer) {
        if (customer.getSource() != Source.P21) {
            metrics.counter("storefront.customers", "storefront", "none", "outcome", "not-from-p21").increment();
            return new Attempt.Done();
        }
        String email = customer.getEmail().strip().toLowerCase(Locale.ROOT);
        CustomerFields wanted = CustomerFields.of(customer);
        List<Synced.Refused> refusals = new ArrayList<>();
        for (StorefrontCustomers storefront : storefronts) {
            Synced synced = sync(lease, storefront, email, wanted);
            if (synced instanceof Synced.Ended ended) {
                // Failed or Revoked: the whole record is tried again later; storefronts already current read so
                return ended.attempt();
            }
            if (synced instanceof Synced.Refused refused) {
                refusals.add(refused);
            }
        }
        if (refusals.isEmpty()) {
            return new Attempt.Done();
        }
        ErrorClass errorClass = refusals.stream().anyMatch(r -> r.errorClass() == ErrorClass.INTERNAL)
                ? ErrorClass.INTERNAL : ErrorClass.REJECTED_BY_TARGET;
        boolean durable = deadLetters.publish(record, lease, errorClass, "the change of P21 customer "
                + customer.getP21CustomerId() + " was not written: "
                + String.join("; ", refusals.stream().map(Synced.Refused::reason).toList()), 1);
        return durable ? new Attempt.Done() : new Attempt.Revoked();
    }

    /** How one storefront's sync ended. */
    private sealed interface Synced {
        /** Written, or already current. */
        record Written() implements Synced {
        }

        /** Not written, and trying again will not help. */
        record Refused(ErrorClass errorClass, String reason) implements Synced {
        }

        /** The record's attempt ends here ({@link Attempt.Failed} or {@link Attempt.Revoked}). */
        record Ended(Attempt attempt) implements Synced {
        }
    }

    private Synced sync(PartitionLease lease, StorefrontCustomers storefront, String email, CustomerFields wanted) {
        String masked = PersonalData.maskEmail(email);
        Storefront target = storefront.storefront();
        for (int attempt = 1; ; attempt++) {
            try {
                SyncOutcome outcome = storefront.sync(email, wanted);
                metrics.counter("storefront.customers", "storefront", target.id(), "outcome", label(outcome))
                        .increment();
                log.info("customer {} in {}: {}", masked, target.displayName(), label(outcome));
                return new Synced.Written();
            } catch (StorefrontCallException e) {
                if (policy.classify(e) == StorefrontErrorPolicy.Verdict.REJECTED) {
                    return new Synced.Refused(ErrorClass.REJECTED_BY_TARGET, target.displayName() + " answered: " + e.detail());
                }
                Duration retryAfter = policy.retryDelay(e, Duration.ZERO);
                if (attempt >= triesInPlace || !retryAfter.isZero() || !circuits.isClosed(target)) {
                    log.warn("customer {} in {} failed transiently ({} tries): {}", masked, target.displayName(),
                            attempt, e.getMessage());
                    return new Synced.Ended(new Attempt.Failed(target, e.getMessage(), retryAfter));
                }
                if (lease.awaitRevoked(IN_PLACE.delay(attempt))) {
                    return new Synced.Ended(new Attempt.Revoked());
                }
            } catch (RuntimeException e) {
                log.error("writing customer {} to {} failed inside the sink", masked, target.displayName(), e);
                return new Synced.Refused(ErrorClass.INTERNAL,
                        "the storefront-sink failed writing to " + target.displayName() + ": " + e);
            }
        }
    }

    private static String label(SyncOutcome outcome) {
        return switch (outcome) {
            case CHANGED -> "changed";
            case ALREADY_CURRENT -> "already-current";
            case NOT_A_CUSTOMER -> "not-a-customer";
        };
    }
}
