package dev.p21bridge.p21;

import dev.p21bridge.p21.CustomerOutcome.AlreadyCurrent;
import dev.p21bridge.p21.CustomerOutcome.Created;
import dev.p21bridge.p21.CustomerOutcome.Rejected;
import dev.p21bridge.p21.CustomerOutcome.Transient;
import dev.p21bridge.platform.consumer.PartitionLease;
import dev.p21bridge.platform.dlq.ErrorClass;
import dev.p21bridge.platform.logging.PersonalData;
import dev.p21bridge.platform.retry.CircuitBreaker;
import dev.p21bridge.platform.retry.InPlaceRetry;
import dev.p21bridge.platform.sink.CanonicalReader.Decoded;
import dev.p21bridge.platform.sink.Delivery;
import dev.p21bridge.platform.sink.InternalFault;
import dev.p21bridge.platform.sink.RetryFlow;
import dev.p21bridge.platform.sink.SinkContext;
import dev.p21bridge.schemas.ChangeType;
import dev.p21bridge.schemas.Customer;
import dev.p21bridge.schemas.Source;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One delivery attempt of a customer change from {@code canonical.customers} (key: e-mail) or a retry topic: a
 * storefront's sign-up, profile change or an order's buyer written to P21's customer master
 * ({@link CustomerMasterWriter}). Skipped, as done: P21's own changes (source {@code P21}), and any change the bridge
 * itself wrote to its source ({@code origin} set), so nothing P21 said comes back to P21; deletions too (a store
 * closing an account does not end a P21 customer's trade history).
 *
 * <p>Dead letters on {@code dlq.p21-sink}: {@code mapping} for a value that cannot be read, {@code validation} for a
 * change without a usable e-mail (the key P21's customer is found by), {@code rejected-by-target} with P21's message.
 * A transient failure is tried again on the spot as an order is ({@link InPlaceRetry}), then the {@link RetryFlow}
 * moves the record on; a later change of the e-mail waits behind it. Metric
 * {@code p21.customers{outcome=created|updated|current|skipped|rejected|transient}}.
 */
final class CustomerRecordProcessor implements Delivery {

    private static final Logger log = LoggerFactory.getLogger(CustomerRecordProcessor.class);

    private final Deserializer<Customer> customers;
    private final CustomerMasterWriter writer;
    private final CircuitBreaker breaker;
    private final InPlaceRetry inPlace;
    private final SinkContext context;

    CustomerRecordProcessor(Deserializer<Customer> customers, CustomerMasterWriter writer, CircuitBreaker breaker,
                            InPlaceRetry inPlace, SinkContext context) {
        this.customers = customers;
        this.writer = writer;
        this.breaker = breaker;
        this.inPlace = inPlace;
        this.context = context;
    }

    @Override
    public String what() {
        return "customer change";
    }

    @Override
    public boolean permitsCalls(ConsumerRecord<String, byte[]> record) {
        return breaker.permitsCalls();
    }

    @Override
    public Attempt attempt(ConsumerRecord<String, byte[]> record, PartitionLease lease) {
        Decoded<Customer> decoded = context.reader().read(record, customers, "Customer", lease);
        if (!(decoded instanceof Decoded.Value<Customer> value)) {
            return decoded instanceof Decoded.DeadLettered ? new Attempt.Done() : new Attempt.Revoked();
        }
        Customer customer = value.value();
        if (customer.getSource() == Source.P21 && customer.getP21CustomerId() != null
                && customer.getEmail() != null && customer.getEmail().indexOf('@') > 0) {
            writer.polled(customer.getEmail(), customer.getP21CustomerId());
        }
        boolean announced = announcedBuyer(customer);
        if (!announced && (!fromAStore(customer) || customer.getChangeType() == ChangeType.DELETED)) {
            count("skipped");
            return new Attempt.Done();
        }
        String email = customer.getEmail() == null ? "" : customer.getEmail().strip();
        if (email.isEmpty() || email.indexOf('@') < 1 || email.indexOf('@') == email.length() - 1
                || email.chars().anyMatch(Character::isWhitespace)) {
            if (announced) {
                // the order itself is dead-lettered for it; one dead letter per problem
                count("skipped");
                return new Attempt.Done();
            }
            return deadLetter(record, lease, ErrorClass.VALIDATION, "customer change " + customer.getSourceEventId()
                    + " from " + customer.getSource() + " has no usable e-mail address ("
                    + (email.isEmpty() ? "none" : email.length() + " characters, not name@domain")
                    + "); P21's customer is found by it. Correct the customer's e-mail at the storefront.");
        }
        return write(record, lease, customer, announced);
    }

    /**
     * A buyer an order announced: the customer path creates it in P21 when it is new ({@link CustomerMasterWriter#ensure}),
     * the only place a new buyer is created, and otherwise leaves it alone.
     */
    static boolean announcedBuyer(Customer customer) {
        return (customer.getSource() == Source.XCART || customer.getSource() == Source.CLARITY)
                && customer.getOrigin() == null && customer.getAnnouncedBy() != null;
    }

    /**
     * A storefront's own change: not P21's, not one the bridge wrote to the storefront itself, and not an order
     * naming its buyer ({@code announcedBy}, see {@link #announcedBuyer}).
     */
    static boolean fromAStore(Customer customer) {
        return (customer.getSource() == Source.XCART || customer.getSource() == Source.CLARITY)
                && customer.getOrigin() == null && customer.getAnnouncedBy() == null;
    }

    private Attempt write(ConsumerRecord<String, byte[]> record, PartitionLease lease, Customer customer,
                          boolean announced) {
        String masked = PersonalData.maskEmail(customer.getEmail());
        InPlaceRetry.Outcome<CustomerOutcome> tried;
        try {
            tried = inPlace.run(() -> counted(announced ? writer.ensure(customer) : writer.write(customer)),
                    CustomerRecordProcessor::failureOf,
                    lease::awaitRevoked);
        } catch (RuntimeException e) {
            log.error("writing the customer {} failed inside the sink", masked, e);
            return deadLetter(record, lease, ErrorClass.INTERNAL,
                    InternalFault.message("p21-sink", "customer change", e));
        }
        if (tried instanceof InPlaceRetry.Outcome.Revoked<CustomerOutcome>) {
            return new Attempt.Revoked();
        }
        if (tried instanceof InPlaceRetry.Outcome.GaveUp<CustomerOutcome> gaveUp) {
            log.warn("customer change of {} failed transiently ({} tries): {}", masked, gaveUp.tries(),
                    gaveUp.last().reason());
            return new Attempt.Failed(breaker, gaveUp.last().reason(), gaveUp.last().retryAfter());
        }
        if (((InPlaceRetry.Outcome.Settled<CustomerOutcome>) tried).result() instanceof Rejected rejected) {
            log.warn("P21 rejected the customer change of {}: {}", masked, rejected.message());
            return deadLetter(record, lease, ErrorClass.REJECTED_BY_TARGET, rejected.message());
        }
        return new Attempt.Done();
    }

    private CustomerOutcome counted(CustomerOutcome outcome) {
        count(label(outcome));
        return outcome;
    }

    private static Optional<InPlaceRetry.Failure> failureOf(CustomerOutcome outcome) {
        return outcome instanceof Transient failure
                ? Optional.of(InPlaceRetry.Failure.of(failure.reason(), failure.retryAfter()))
                : Optional.empty();
    }

    private Attempt deadLetter(ConsumerRecord<String, byte[]> record, PartitionLease lease, ErrorClass errorClass,
                               String message) {
        return context.deadLetters().publish(record, lease, errorClass, message, 1)
                ? new Attempt.Done() : new Attempt.Revoked();
    }

    private void count(String outcome) {
        context.metrics().counter("p21.customers", "outcome", outcome).increment();
    }

    private static String label(CustomerOutcome outcome) {
        if (outcome instanceof Created) {
            return "created";
        }
        if (outcome instanceof AlreadyCurrent) {
            return "current";
        }
        if (outcome instanceof CustomerOutcome.Updated) {
            return "updated";
        }
        return outcome instanceof Rejected ? "rejected" : "transient";
    }
}
