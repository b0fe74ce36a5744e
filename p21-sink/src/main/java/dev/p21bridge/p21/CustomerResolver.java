package dev.p21bridge.p21;

import dev.p21bridge.p21client.P21CallException;
import dev.p21bridge.p21client.P21ErrorPolicy;
import dev.p21bridge.p21client.P21RejectedException;
import dev.p21bridge.p21client.P21TransactionClient;
import dev.p21bridge.p21client.TransactionResult;
import dev.p21bridge.p21client.TransactionSet;
import dev.p21bridge.platform.logging.PersonalData;
import dev.p21bridge.schemas.Order;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the P21 customer of an order by e-mail; a new buyer is created by the customer path ({@link #resolve} says
 * why). Answers are cached (bounded, least recently used out), and one e-mail is resolved by one thread at a time. After a create whose outcome is unknown the customer is looked up again
 * before anything else, for the same reason. The customer path ({@link CustomerMasterWriter}) takes the same
 * per-e-mail lock ({@link #exclusively}), so a sign-up and the first order of that buyer create one customer.
 *
 * <p>Throws {@link P21CallException} or {@link P21RejectedException}; {@link P21ErrorPolicy} judges them.
 */
public final class CustomerResolver {

    private static final Logger log = LoggerFactory.getLogger(CustomerResolver.class);
    private static final int STRIPES = 64;
    /** How long an order waits for the customer path to create its new buyer before creating it itself. */
    static final Duration CREATES_AFTER = Duration.ofMinutes(1);

    private final P21RecordFinder finder;
    private final P21TransactionClient transactions;
    private final P21OrderMapper mapper;
    private final P21ErrorPolicy policy;
    private final Clock clock;
    private final Map<String, String> cache;
    private final Object[] locks = new Object[STRIPES];
    private volatile Directory directory = Directory.NONE;

    /** What is known of P21's customers beyond this cache ({@link P21CustomerDirectory}). */
    interface Directory {

        Directory NONE = new Directory() {
            @Override
            public boolean surelyAbsent(String email) {
                return false;
            }

            @Override
            public boolean mayHold(String email) {
                return false;
            }

            @Override
            public void learned(String email, String customerId) {
            }
        };

        /** False when no customer id of {@code email} was ever learned here; true may be a false positive. */
        boolean mayHold(String email);

        /** True only when P21 surely has no customer with {@code email} (lower-cased): it may be created unlooked. */
        boolean surelyAbsent(String email);

        /** Hears of each customer id the resolver learned from P21 itself (a look-up or a create). */
        void learned(String email, String customerId);
    }

    public CustomerResolver(P21RecordFinder finder, P21TransactionClient transactions, P21OrderMapper mapper,
                            P21ErrorPolicy policy, int cacheSize) {
        this(finder, transactions, mapper, policy, cacheSize, Clock.systemUTC());
    }

    public CustomerResolver(P21RecordFinder finder, P21TransactionClient transactions, P21OrderMapper mapper,
                            P21ErrorPolicy policy, int cacheSize, Clock clock) {
        this.clock = clock;
        this.finder = finder;
        this.transactions = transactions;
        this.mapper = mapper;
        this.policy = policy;
        this.cache = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
                return size() > cacheSize;
            }
        };
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new Object();
        }
    }

    /**
     * The P21 customer id of the order's buyer. A buyer P21 does not have yet is created by the customer path, from
     * the buyer record the transformer announces with every order ({@link CustomerMasterWriter#ensure}): that path
     * runs one e-mail on one lane of one sink instance (canonical.customers is keyed by e-mail), so two instances
     * never both create one buyer; the order waits for it (a transient failure, tried again in place). Only an order
     * older than {@link #CREATES_AFTER} (replayed, or whose announcement never came) creates the buyer itself.
     */
    public String resolve(Order order) {
        String email = order.getCustomer().getEmail().trim().toLowerCase(Locale.ROOT);
        String cached = cached(email);
        if (cached != null) {
            return cached;
        }
        synchronized (lockOf(email)) {
            cached = cached(email);
            if (cached != null) {
                return cached;
            }
            Optional<String> found = surelyNew(email) ? Optional.empty() : finder.findCustomerIdByEmail(email);
            String customerId = found.orElseGet(() -> {
                if (Duration.between(order.getEventTime(), clock.instant()).compareTo(CREATES_AFTER) < 0) {
                    throw new P21CallException(0, "P21 has no customer " + PersonalData.maskEmail(email)
                            + " yet; the customer path creates it from the order's announced buyer");
                }
                log.info("order {} is over {} old and its buyer {} is not in P21: created with the order",
                        order.getOrderKey(), CREATES_AFTER, PersonalData.maskEmail(email));
                return create(order, email);
            });
            remember(email, customerId);
            return customerId;
        }
    }

    /** From now on asks {@code directory} before looking a buyer up, and tells it every id learned from P21. */
    void consult(Directory directory) {
        this.directory = directory;
    }

    /** True when P21 surely has no customer with {@code email} yet, so it is created without looking first. */
    boolean surelyNew(String email) {
        return directory.surelyAbsent(email.trim().toLowerCase(Locale.ROOT));
    }

    /**
     * P21's poll shows customer {@code customerId} with {@code email}: remembered when this sink knew no customer of
     * that e-mail, so a new buyer created in P21 itself is not created again. A known e-mail keeps its customer (of
     * several sharing an e-mail, orders go to the one found first, as a look-up would answer).
     */
    void polled(String email, String customerId) {
        String key = email.trim().toLowerCase(Locale.ROOT);
        if (known(key).isEmpty() && !directory.mayHold(key)) {
            remember(key, customerId);
        }
    }

    /**
     * Runs {@code work} holding the lock {@link #resolve} holds for {@code email} (lower-cased): the customer path
     * ({@link CustomerMasterWriter}) looks up and creates under it, so it and an order of the same buyer never both
     * find no customer and both create one.
     */
    <T> T exclusively(String email, Supplier<T> work) {
        synchronized (lockOf(email.trim().toLowerCase(Locale.ROOT))) {
            return work.get();
        }
    }

    /** The P21 customer id of {@code email} this sink found or created before, if it still remembers it. */
    Optional<String> known(String email) {
        return Optional.ofNullable(cached(email.trim().toLowerCase(Locale.ROOT)));
    }

    /**
     * Remembers the P21 customer of {@code email} (lower-cased), found or created by a call to P21 (here or by the
     * customer path), and tells the listener when it is news.
     */
    void remember(String email, String customerId) {
        String key = email.trim().toLowerCase(Locale.ROOT);
        String before;
        synchronized (cache) {
            before = cache.put(key, customerId);
        }
        if (!customerId.equals(before)) {
            directory.learned(key, customerId);
        }
    }

    /** Remembers what another instance (or this one before a restart) learned; the listener is not told again. */
    void recall(String email, String customerId) {
        synchronized (cache) {
            cache.put(email.trim().toLowerCase(Locale.ROOT), customerId);
        }
    }

    private Object lockOf(String email) {
        return locks[Math.floorMod(email.hashCode(), STRIPES)];
    }

    private String create(Order order, String email) {
        return create(email, mapper.customer(order));
    }

    /**
     * Creates the P21 customer of {@code email} with {@code request} and answers its id. After an outcome P21 left
     * unknown (sent, not refused) it looks the customer up instead of creating it again; the caller holds the
     * e-mail's lock. Serves the order path and the customer path ({@link CustomerMasterWriter}) alike.
     */
    String create(String email, TransactionSet request) {
        TransactionResult result;
        try {
            result = policy.check(transactions.submit(request));
        } catch (P21CallException e) {
            if (!policy.mayHaveBeenWritten(e)) {
                throw e;
            }
            return findAfterUnknownOutcome(email, e);
        } catch (P21RejectedException e) {
            throw new P21RejectedException("P21 refused to create the customer: " + e.getMessage());
        }
        Optional<String> created = result.edit(P21OrderMapper.CUSTOMER_FORM, "customer_id");
        if (created.isEmpty()) {
            return findAfterUnknownOutcome(email, new P21CallException(200, "customer created without a customer_id"));
        }
        log.info("created P21 customer {} for {}", created.get(), PersonalData.maskEmail(email));
        return created.get();
    }

    private String findAfterUnknownOutcome(String email, P21CallException cause) {
        log.warn("outcome of creating the customer of {} unknown ({}); looking it up", PersonalData.maskEmail(email),
                cause.getMessage());
        return finder.findCustomerIdByEmail(email).orElseThrow(() -> cause);
    }

    private String cached(String email) {
        synchronized (cache) {
            return cache.get(email);
        }
    }
}
