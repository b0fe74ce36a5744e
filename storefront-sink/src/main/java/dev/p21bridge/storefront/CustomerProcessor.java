package dev.p21bridge.storefront;

import dev.p21bridge.platform.consumer.PartitionLease;
import dev.p21bridge.platform.dlq.ErrorClass;
import dev.p21bridge.platform.logging.PersonalData;
import dev.p21bridge.schemas.Customer;
import dev.p21bridge.schemas.Source;
import dev.p21bridge.storefront.CanonicalReader.Decoded;
import dev.p21bridge.storefront.StorefrontCustomers.SyncOutcome;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
 * words), after the others were written; a transient failure is retried in place with a backoff (bounded by the
 * partition lease) and holds the offset back. Metric: {@code storefront.customers{storefront, outcome=changed|already-current|not-a-customer}},
 * and {@code storefront.customers{storefront=none, outcome=not-from-p21}} for skipped records.
 */
final class CustomerProcessor implements RecordHandler {

    private static final Logger log = LoggerFactory.getLogger(CustomerProcessor.class);
    /** Customer changes are retried in place (not through the retry topics): a later change of the e-mail waits. */
    private static final BackoffRetry BACKOFF = BackoffRetry.standard();

    private final Deserializer<Customer> customers;
    private final List<StorefrontCustomers> storefronts;
    private final CanonicalReader reader;
    private final DeadLetters deadLetters;
    private final StorefrontErrorPolicy policy;
    private final MeterRegistry metrics;

    CustomerProcessor(Deserializer<Customer> customers, List<StorefrontCustomers> storefronts, CanonicalReader reader,
                      DeadLetters deadLetters, StorefrontErrorPolicy policy,
                      MeterRegistry metrics) {
        this.customers = customers;
        this.storefronts = List.copyOf(storefronts);
        this.reader = reader;
        this.deadLetters = deadLetters;
        this.policy = policy;
                this.metrics = metrics;
    }

    @Override
    public void handle(ConsumerRecord<String, byte[]> record, PartitionLease lease) {
        Decoded<Customer> decoded = reader.read(record, customers, "Customer", lease);
        boolean done;
        if (decoded instanceof Decoded.Value<Customer> value) {
            done = write(record, lease, value.value());
        } else {
            done = decoded instanceof Decoded.DeadLettered;
        }
        if (done) {
            lease.offsets().completed(record.offset());
        }
    }

    /** True when the outcome is durable; false when the lease was revoked first. */
    boolean write(ConsumerRecord<String, byte[]> record, PartitionLease lease, Customer customer) {
        if (customer.getSource() != Source.P21) {
            metrics.counter("storefront.customers", "storefront", "none", "outcome", "not-from-p21").increment();
            return true;
        }
        String email = customer.getEmail().strip().toLowerCase(Locale.ROOT);
        CustomerFields wanted = CustomerFields.of(customer);
        List<Attempt.Refused> refusals = new ArrayList<>();
        for (StorefrontCustomers storefront : storefronts) {
            Attempt attempt = sync(record, lease, storefront, email, wanted);
            if (attempt instanceof Attempt.Abandoned) {
                return false;
            }
            if (attempt instanceof Attempt.Refused refused) {
                refusals.add(refused);
            }
        }
        if (refusals.isEmpty()) {
            return true;
        }
        ErrorClass errorClass = refusals.stream().anyMatch(r -> r.errorClass() == ErrorClass.INTERNAL)
                ? ErrorClass.INTERNAL : ErrorClass.REJECTED_BY_TARGET;
        return deadLetters.publish(record, lease, errorClass, "the change of P21 customer "
                + customer.getP21CustomerId() + " was not written: "
                + String.join("; ", refusals.stream().map(Attempt.Refused::reason).toList()), 1);
    }

    /** How one storefront's sync ended. */
    private sealed interface Attempt {
        record Done() implements Attempt {
        }

        /** Not written, and trying again will not help. */
        record Refused(ErrorClass errorClass, String reason) implements Attempt {
        }

        /** The lease was revoked while waiting to retry. */
        record Abandoned() implements Attempt {
        }

    }

    private Attempt sync(ConsumerRecord<String, byte[]> record, PartitionLease lease, StorefrontCustomers storefront,
                         String email, CustomerFields wanted) {
        String masked = PersonalData.maskEmail(email);
        for (int attempt = 1; ; attempt++) {
            try {
                SyncOutcome outcome = storefront.sync(email, wanted);
                metrics.counter("storefront.customers", "storefront", storefront.storefront().id(), "outcome",
                        label(outcome)).increment();
                log.info("customer {} in {}: {}", masked, storefront.storefront().displayName(), label(outcome));
                return new Attempt.Done();
            } catch (StorefrontCallException e) {
                if (policy.classify(e) == StorefrontErrorPolicy.Verdict.REJECTED) {
                    return new Attempt.Refused(ErrorClass.REJECTED_BY_TARGET,
                            storefront.storefront().displayName() + " answered: " + e.detail());
                }
                if (attempt == 1 || attempt % 10 == 0) {
                    log.warn("customer {} in {} attempt {} failed transiently: {}", masked,
                            storefront.storefront().displayName(), attempt, e.getMessage());
                }
                if (lease.awaitRevoked(policy.retryDelay(e, BACKOFF.delay(attempt)))) {
                    return new Attempt.Abandoned();
                }
            } catch (RuntimeException e) {
                log.error("writing customer {} to {} failed inside the sink", masked,
                        storefront.storefront().displayName(), e);
                return new Attempt.Refused(ErrorClass.INTERNAL,
                        "the storefront-sink failed writing to " + storefront.storefront().displayName() + ": " + e);
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
