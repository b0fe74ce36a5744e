package dev.p21bridge.p21;

import dev.p21bridge.p21.CustomerOutcome.AlreadyCurrent;
import dev.p21bridge.p21.CustomerOutcome.Created;
import dev.p21bridge.p21.CustomerOutcome.Rejected;
import dev.p21bridge.p21.CustomerOutcome.Transient;
import dev.p21bridge.p21.CustomerOutcome.Updated;
import dev.p21bridge.p21.P21RecordFinder.CustomerRef;
import dev.p21bridge.p21client.P21CallException;
import dev.p21bridge.p21client.P21ErrorPolicy;
import dev.p21bridge.p21client.P21RejectedException;
import dev.p21bridge.p21client.P21TransactionClient;
import dev.p21bridge.platform.logging.PersonalData;
import dev.p21bridge.schemas.Customer;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a storefront's customer change to P21's customer master: finds the customer by e-mail, creates it when P21
 * has none, else sends only the {@link P21CustomerFields} P21 does not show yet, and nothing when it shows them all.
 * Financial fields are never sent ({@link P21CustomerFields} cannot carry them).
 *
 * <p>Exactly once in effect: an update sets values, so sending it twice changes nothing twice, and a redelivered
 * change finds P21 current and makes no call. A create whose outcome is unknown (no answer, a 5xx after the
 * commit, a success without an id) is looked up again at once: found means created, not found means nothing was
 * written and the change may be sent again.
 *
 * <p>No duplicate customer with an order of the same buyer: look-up and create run under the per-e-mail lock of the
 * order path's {@link CustomerResolver} ({@link CustomerResolver#exclusively}). Why a lock and not the sink's keyed
 * lanes: an order's lane is keyed by its order key, a customer change's by its e-mail, and re-keying orders by
 * e-mail would serialise a buyer's orders for no other reason; the lock is held only around one buyer's look-up and
 * create. Across sink instances, only this path creates a new buyer (an order waits for it, {@link #ensure}), and
 * canonical.customers is keyed by e-mail, so one instance handles one e-mail at a time.
 */
public final class CustomerMasterWriter {

    private static final Logger log = LoggerFactory.getLogger(CustomerMasterWriter.class);

    private final P21RecordFinder finder;
    private final P21TransactionClient transactions;
    private final CustomerResolver resolver;
    private final P21CustomerMapper mapper;
    private final P21ErrorPolicy policy;

    public CustomerMasterWriter(P21RecordFinder finder, P21TransactionClient transactions, CustomerResolver resolver,
                                P21CustomerMapper mapper, P21ErrorPolicy policy) {
        this.finder = finder;
        this.transactions = transactions;
        this.resolver = resolver;
        this.mapper = mapper;
        this.policy = policy;
    }

    /** Never throws for P21's failures: every one of them ends as an outcome. */
    public CustomerOutcome write(Customer customer) {
        String email = customer.getEmail().trim().toLowerCase(Locale.ROOT);
        P21CustomerFields wanted = P21CustomerFields.of(customer);
        try {
            return resolver.exclusively(email, () -> writeLocked(email, wanted));
        } catch (P21RejectedException e) {
            return new Rejected(e.getMessage());
        } catch (P21CallException e) {
            return policy.outcomeOf(e, Rejected::new, Transient::new);
        }
    }

    /**
     * Makes sure P21 has the buyer an order announced ({@code announcedBy}): found (remembered, or looked up) is
     * left as it is, since an order's copy of the buyer is no profile change; missing is created, here and nowhere
     * else, so the orders of a new buyer, wherever they run, wait for this one create ({@link CustomerResolver#resolve}).
     */
    public CustomerOutcome ensure(Customer buyer) {
        String email = buyer.getEmail().trim().toLowerCase(Locale.ROOT);
        try {
            return resolver.exclusively(email, () -> {
                Optional<String> known = resolver.known(email);
                if (known.isPresent()) {
                    return new AlreadyCurrent(known.get());
                }
                Optional<CustomerRef> existing = resolver.surelyNew(email) ? Optional.empty()
                        : finder.findCustomerByEmail(email);
                if (existing.isPresent()) {
                    resolver.remember(email, existing.get().customerId());
                    return new AlreadyCurrent(existing.get().customerId());
                }
                return create(email, P21CustomerFields.of(buyer));
            });
        } catch (P21RejectedException e) {
            return new Rejected(e.getMessage());
        } catch (P21CallException e) {
            return policy.outcomeOf(e, Rejected::new, Transient::new);
        }
    }

    /** P21's poll shows this customer: a buyer P21 got by other means than this sink is not created again. */
    void polled(String email, String customerId) {
        resolver.exclusively(email, () -> {
            resolver.polled(email, customerId);
            return null;
        });
    }

    private CustomerOutcome writeLocked(String email, P21CustomerFields wanted) {
        Optional<CustomerRef> existing = finder.findCustomerByEmail(email);
        if (existing.isEmpty()) {
            return create(email, wanted);
        }
        CustomerRef found = existing.get();
        resolver.remember(email, found.customerId());
        Map<String, String> changes = wanted.changesFrom(found.fields());
        if (changes.isEmpty()) {
            return new AlreadyCurrent(found.customerId());
        }
        try {
            policy.check(transactions.submit(mapper.update(found.customerId(), changes)));
        } catch (P21RejectedException e) {
            throw new P21RejectedException("P21 refused to update customer " + found.customerId() + ": "
                    + e.getMessage());
        }
        log.info("updated P21 customer {} of {}: {}", found.customerId(), PersonalData.maskEmail(email),
                changes.keySet());
        return new Updated(found.customerId(), changes.keySet());
    }

    private CustomerOutcome create(String email, P21CustomerFields wanted) {
        String customerId = resolver.create(email, mapper.create(email, wanted.withNameForCreate(email)));
        resolver.remember(email, customerId);
        return new Created(customerId);
    }
}
