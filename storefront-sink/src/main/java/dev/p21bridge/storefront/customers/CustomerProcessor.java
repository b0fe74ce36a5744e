package dev.p21bridge.storefront.customers;

import dev.p21bridge.platform.consumer.PartitionLease;
import dev.p21bridge.platform.dlq.ErrorClass;
import dev.p21bridge.platform.logging.PersonalData;
import dev.p21bridge.platform.sink.CanonicalReader.Decoded;
import dev.p21bridge.platform.sink.Delivery;
import dev.p21bridge.platform.sink.InternalFault;
import dev.p21bridge.platform.sink.RetryFlow;
import dev.p21bridge.platform.sink.SinkContext;
import dev.p21bridge.schemas.Customer;
import dev.p21bridge.schemas.Source;
import dev.p21bridge.storefront.PathSegment;
import dev.p21bridge.storefront.RefusedValue;
import dev.p21bridge.storefront.Storefront;
import dev.p21bridge.storefront.StorefrontCallException;
import dev.p21bridge.storefront.StorefrontCalls;
import dev.p21bridge.storefront.customers.StorefrontCustomers.SyncOutcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes a P21 customer change from {@code canonical.customers} (key: e-mail) to every store (of {@code BRIDGE_STORES},
 * each through its own client) that has a customer with that e-mail. P21 is the system of record, so only records
 * with source {@code P21} are written; a store's own change is not copied to the other stores. Each store is read
 * first and written only when it shows something else ({@link StorefrontCustomers#sync}), so a redelivered, replayed
 * or retried record repeats no state-changing call. Only names, phone and address are written
 * ({@link CustomerFields}), never financial fields.
 *
 * <p>A refusal becomes one {@code rejected-by-target} dead letter naming the storefronts that refused (with their
 * words), after the others were written. A transient failure is tried again in place, quickly, up to
 * {@code triesInPlace} tries while the storefront's circuit is closed and it did not ask to wait; then the attempt
 * ends {@link Attempt.Failed} and the {@link RetryFlow} moves the record through the retry topics (a later
 * change of the same e-mail waits behind it). Metric:
 * {@code storefront.customers{storefront, outcome=changed|already-current|not-a-customer}}, and
 * {@code storefront.customers{storefront=none, outcome=not-from-p21}} for skipped records.
 */
public final class CustomerProcessor implements Delivery {

    private static final Logger log = LoggerFactory.getLogger(CustomerProcessor.class);

    private final Deserializer<Customer> customers;
    private final List<StorefrontCustomers> storefronts;
    private final StorefrontCalls calls;
    private final SinkContext context;

    public CustomerProcessor(Deserializer<Customer> customers, List<StorefrontCustomers> storefronts,
                             StorefrontCalls calls, SinkContext context) {
        this.customers = customers;
        this.storefronts = List.copyOf(storefronts);
        this.calls = calls;
        this.context = context;
    }

    @Override
    public String what() {
        return "customer change";
    }

    /** Whether any storefront the change goes to takes calls. */
    @Override
    public boolean permitsCalls(ConsumerRecord<String, byte[]> record) {
        Set<Storefront> targets = new HashSet<>();
        storefronts.forEach(s -> targets.add(s.storefront()));
        return calls.circuits().anyPermitsCalls(targets);
    }

    @Override
    public Attempt attempt(ConsumerRecord<String, byte[]> record, PartitionLease lease) {
        Decoded<Customer> decoded = context.reader().read(record, customers, "Customer", lease);
        if (decoded instanceof Decoded.Value<Customer> value) {
            return write(record, lease, value.value());
        }
        return decoded instanceof Decoded.DeadLettered ? new Attempt.Done() : new Attempt.Revoked();
    }

    private Attempt write(ConsumerRecord<String, byte[]> record, PartitionLease lease, Customer customer) {
        if (customer.getSource() != Source.P21) {
            context.metrics().counter("storefront.customers", "storefront", "none", "outcome", "not-from-p21").increment();
            return new Attempt.Done();
        }
        String email = customer.getEmail() == null ? "" : customer.getEmail().strip().toLowerCase(Locale.ROOT);
        try {
            PathSegment.ofEmail(email);
        } catch (RefusedValue e) {
            return context.deadLetters().publish(record, lease, ErrorClass.VALIDATION, "the change of P21 customer "
                    + customer.getP21CustomerId() + " was not written: " + e.getMessage(), 1)
                    ? new Attempt.Done() : new Attempt.Revoked();
        }
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
        boolean durable = context.deadLetters().publish(record, lease, errorClass, "the change of P21 customer "
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
                context.metrics().counter("storefront.customers", "storefront", target.id(), "outcome", label(outcome))
                        .increment();
                log.info("customer {} in {}: {}", masked, target.displayName(), label(outcome));
                return new Synced.Written();
            } catch (StorefrontCallException e) {
                if (calls.refused(e)) {
                    return new Synced.Refused(ErrorClass.REJECTED_BY_TARGET, target.displayName() + " answered: " + e.detail());
                }
                Duration retryAfter = calls.retryAfter(e);
                if (!calls.tryAgainInPlace(attempt, retryAfter, target)) {
                    log.warn("customer {} in {} failed transiently ({} tries): {}", masked, target.displayName(),
                            attempt, e.getMessage());
                    return new Synced.Ended(new Attempt.Failed(calls.circuits().of(target), e.getMessage(),
                            retryAfter));
                }
                if (!calls.pauseBeforeNextTry(lease, attempt)) {
                    return new Synced.Ended(new Attempt.Revoked());
                }
            } catch (RuntimeException e) {
                log.error("writing customer {} to {} failed inside the sink", masked, target.displayName(), e);
                return new Synced.Refused(ErrorClass.INTERNAL,
                        InternalFault.message("storefront-sink", "customer for " + target.displayName(), e));
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
