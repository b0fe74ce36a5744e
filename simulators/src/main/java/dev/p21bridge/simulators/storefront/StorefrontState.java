package dev.p21bridge.simulators.storefront;

import dev.p21bridge.simulators.catalog.SimCatalog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.IntFunction;
import java.util.function.LongFunction;
import java.util.function.UnaryOperator;

/**
 * A storefront's products, orders and customers, persisted to one JSON file when a data directory is given.
 * Every method is atomic (one lock); records handed out are immutable snapshots.
 *
 * <p>Products are seeded from {@link SimCatalog} with ids 1..n, the catalogue price and an amount of twice the
 * item's stock (P21 keeps it at two locations). Placing an order takes its quantities off the stock; an order for
 * more than a product shows in stock is refused, as a storefront that does not allow back-orders does. An order whose
 * payment was declined takes nothing: a store releases the stock of a failed payment.
 */
public final class StorefrontState implements AutoCloseable {

    /** What a placed order brought: the order, and whether it was its customer's first. */
    public record Placed(Order order, boolean newCustomer) {
    }

    /** The index of the first signed-up customer: above any {@link CustomerPool} index a checkout draws. */
    public static final int FIRST_SIGN_UP_INDEX = 2_000_000;

    /** The persisted form. */
    record Snapshot(long nextOrderNumber, long nextItemId, long nextTrackingId, Set<Integer> customersSeen,
                    List<ProductView> products, List<Order> orders, List<StorefrontCustomer> customers,
                    long nextTransactionNumber, long nextReturnNumber) {
    }

    private final long firstOrderNumber;
    private final int ordersKept;
    private final Clock clock;
    private final StateFile file;
    private final Map<String, ProductView> productsBySku = new LinkedHashMap<>();
    private final Map<Integer, String> skuById = new LinkedHashMap<>();
    private final Map<String, Order> orders = new LinkedHashMap<>();
    private final Set<Integer> customersSeen = new TreeSet<>();
    /** By {@link StorefrontCustomer#key}; the first customer of an e-mail keeps it, as a store's unique login does. */
    private final Map<String, StorefrontCustomer> customers = new LinkedHashMap<>();
    private long nextOrderNumber;
    private long nextItemId;
    private long nextTrackingId;
    private int nextSignUpIndex;
    private long nextTransactionNumber;
    private long nextReturnNumber;
    /** The order of each return, by return number. */
    private final Map<Long, String> orderOfReturn = new HashMap<>();
    /**
     * When orders placed with a late commit become visible to the order list, by order id; an order not here is
     * visible. Not persisted: a restart is later than any such delay.
     */
    private final Map<String, Instant> committedAt = new HashMap<>();

    /**
     * @param file             the state file, or null for memory only; loaded when present
     * @param firstOrderNumber the number the first order gets after a reset
     */
    public StorefrontState(Path file, long firstOrderNumber, Clock clock) {
        this(file, firstOrderNumber, clock, Integer.MAX_VALUE);
    }

    /**
     * As {@link #StorefrontState(Path, long, Clock)}, keeping at most {@code ordersKept} orders: past that, each new
     * order makes the store forget its oldest one (with its returns), so a long run holds a bounded state.
     */
    public StorefrontState(Path file, long firstOrderNumber, Clock clock, int ordersKept) {
        if (ordersKept < 1) {
            throw new IllegalArgumentException("the orders kept must be at least 1, got " + ordersKept);
        }
        this.ordersKept = ordersKept;
        this.firstOrderNumber = firstOrderNumber;
        this.clock = clock;
        this.file = file == null ? null : new StateFile(file, StorefrontJson.mapper(), this::snapshot);
        Optional<Snapshot> saved = this.file == null ? Optional.empty() : this.file.load(Snapshot.class);
        saved.ifPresentOrElse(this::restore, this::seed);
        forgetOldestOrders();
    }

    public synchronized void reset() {
        seed();
        changed();
    }

    public synchronized List<ProductView> products() {
        return List.copyOf(productsBySku.values());
    }

    public synchronized Optional<ProductView> productBySku(String sku) {
        return Optional.ofNullable(productsBySku.get(ProductView.canonicalSku(sku)));
    }

    public synchronized Optional<ProductView> productById(int id) {
        return Optional.ofNullable(skuById.get(id)).map(productsBySku::get);
    }

    /** Sets the product's description; empty when the SKU is unknown. */
    public synchronized Optional<ProductView> updateDescription(String sku, String description) {
        ProductView product = productsBySku.get(ProductView.canonicalSku(sku));
        if (product == null) {
            return Optional.empty();
        }
        product = product.withDescription(description);
        productsBySku.put(product.sku(), product);
        changed();
        return Optional.of(product);
    }

    /** Sets stock and/or price (either may be null); empty when the SKU is unknown. */
    public synchronized Optional<ProductView> updateProduct(String sku, Integer amount, BigDecimal price) {
        ProductView product = productsBySku.get(ProductView.canonicalSku(sku));
        if (product == null) {
            return Optional.empty();
        }
        if (amount != null) {
            product = product.withAmount(amount);
        }
        if (price != null) {
            product = product.withPrice(OrderGenerator.cents(price));
        }
        productsBySku.put(product.sku(), product);
        changed();
        return Optional.of(product);
    }

    /**
     * Places the order {@code maker} draws for the next order number: assigns line item ids, takes stock, and
     * remembers the customer. Refuses it (empty, the number is not used) when a line asks for more than the product
     * shows in stock or there is no line: a storefront does not sell what it does not show.
     */
    public synchronized Optional<Placed> place(LongFunction<Order> maker) {
        return place(maker, Duration.ZERO);
    }

    /**
     * As {@link #place(LongFunction)}, with the order's creation committed {@code commitDelay} after its timestamp,
     * as a slow database transaction does: until then {@link #listOrders} does not show it, while its creation and
     * last-change times say when it was placed. Everything else (webhooks, look-ups by id) sees it at once.
     */
    public synchronized Optional<Placed> place(LongFunction<Order> maker, Duration commitDelay) {
        Order drawn = maker.apply(nextOrderNumber);
        if (drawn.lines().isEmpty() || shortOf(drawn.lines())) {
            return Optional.empty();
        }
        nextOrderNumber++;
        List<OrderLine> lines = new ArrayList<>(drawn.lines().size());
        for (OrderLine line : drawn.lines()) {
            ProductView product = productsBySku.get(ProductView.canonicalSku(line.sku()));
            if (product != null && !drawn.declined()) {
                productsBySku.put(product.sku(), product.withAmount(product.amount() - line.quantity()));
            }
            lines.add(line.placed(nextItemId++, 0));
        }
        Order order = drawn.withLines(lines);
        orders.put(order.id(), order);
        if (!commitDelay.isZero() && !commitDelay.isNegative()) {
            committedAt.put(order.id(), now().plus(commitDelay));
        }
        forgetOldestOrders();
        boolean newCustomer = customersSeen.add(order.customer().index());
        if (newCustomer) {
            customers.putIfAbsent(StorefrontCustomer.key(order.customer().email()),
                    StorefrontCustomer.of(order.customer(), order.created()));
        }
        changed();
        return Optional.of(new Placed(order, newCustomer));
    }

    /** True when the lines of any one product (it may be on several lines) ask for more than it shows. */
    private boolean shortOf(List<OrderLine> lines) {
        Map<String, Integer> wanted = new HashMap<>();
        for (OrderLine line : lines) {
            wanted.merge(ProductView.canonicalSku(line.sku()), line.quantity(), Integer::sum);
        }
        return wanted.entrySet().stream().anyMatch(e -> {
            ProductView product = productsBySku.get(e.getKey());
            return product != null && e.getValue() > product.amount();
        });
    }

    /**
     * Signs a customer up: the one {@code maker} draws for the next sign-up index ({@link #FIRST_SIGN_UP_INDEX} and
     * up, never a {@link CustomerPool} index), kept as an order's new customer is and marked seen, so a later order of
     * theirs announces no second {@code customer.created}. Empty when the e-mail is taken, as a store's unique login
     * refuses it.
     */
    public synchronized Optional<StorefrontCustomer> signUp(String email, IntFunction<Customer> maker) {
        String key = StorefrontCustomer.key(email);
        if (customers.containsKey(key)) {
            return Optional.empty();
        }
        Customer customer = maker.apply(nextSignUpIndex++);
        StorefrontCustomer signedUp = StorefrontCustomer.of(customer, now());
        customers.put(key, signedUp);
        customersSeen.add(customer.index());
        changed();
        return Optional.of(signedUp);
    }

    /** The customer with this e-mail (any case, surrounding blanks ignored). */
    public synchronized Optional<StorefrontCustomer> customer(String email) {
        return Optional.ofNullable(customers.get(StorefrontCustomer.key(email)));
    }

    public synchronized Optional<StorefrontCustomer> customerByProfileId(long profileId) {
        return customers.values().stream().filter(c -> c.profileId() == profileId).findFirst();
    }

    public synchronized Optional<StorefrontCustomer> customerById(String customerId) {
        return customers.values().stream().filter(c -> c.customerId().equals(customerId)).findFirst();
    }

    /** Applies {@code change} to the customer with this e-mail; empty when there is none. */
    public synchronized Optional<StorefrontCustomer> changeCustomer(String email, UnaryOperator<StorefrontCustomer> change) {
        StorefrontCustomer customer = customers.get(StorefrontCustomer.key(email));
        if (customer == null) {
            return Optional.empty();
        }
        StorefrontCustomer changedCustomer = change.apply(customer);
        customers.put(StorefrontCustomer.key(email), changedCustomer);
        changed();
        return Optional.of(changedCustomer);
    }

    public synchronized Optional<Order> order(String id) {
        return Optional.ofNullable(orders.get(id));
    }

    /**
     * One page of the committed orders, sorted and filtered as {@code query} says. Each call sorts the orders kept
     * (at most {@code ordersKept}), which at 20,000 orders takes a few milliseconds.
     */
    public synchronized OrderListPage listOrders(OrderListQuery query) {
        Instant now = now();
        committedAt.values().removeIf(at -> !at.isAfter(now));
        List<Order> listed = orders.values().stream()
                .filter(order -> !committedAt.containsKey(order.id()) && query.accepts(order))
                .sorted(query.order()).toList();
        long from = Math.min((long) (query.page() - 1) * query.perPage(), listed.size());
        int to = (int) Math.min(from + query.perPage(), listed.size());
        return new OrderListPage(listed.subList((int) from, to), listed.size());
    }

    public synchronized Optional<Order> setQuantities(String id, java.util.Map<String, Integer> quantities) {
        return replace(id, order -> order.withQuantities(quantities, now()));
    }

    /**
     * Applies {@code change} to the order atomically; empty when there is no such order. An exception {@code change}
     * throws leaves the order as it was, so a change can check and refuse under the same lock it writes with.
     */
    public synchronized Optional<Order> changeOrder(String id, UnaryOperator<Order> change) {
        Optional<Order> changed = replace(id, change);
        changed.ifPresent(order -> order.cash().returns().forEach(r -> orderOfReturn.put(r.number(), id)));
        return changed;
    }

    /** Takes the next payment transaction number (from 1 after a reset); call inside {@link #changeOrder}. */
    public synchronized long takeTransactionNumber() {
        return nextTransactionNumber++;
    }

    /** Takes the next return number (from 1 after a reset); call inside {@link #changeOrder}. */
    public synchronized long takeReturnNumber() {
        return nextReturnNumber++;
    }

    /** The id of the order that return {@code number} was opened on. */
    public synchronized Optional<String> orderOfReturn(long number) {
        return Optional.ofNullable(orderOfReturn.get(number));
    }

    public synchronized Optional<Order> setStatus(String id, String status) {
        return replace(id, order -> order.withStatus(status, now()));
    }

    /**
     * Adds the tracking numbers not yet on the order (a number given twice is kept once) and the carrier if given.
     * The order is touched even when nothing is new, as a repeated API call would.
     */
    public synchronized Optional<Order> addTracking(String id, List<String> values, String carrier) {
        return replace(id, order -> {
            Instant now = now();
            Order updated = order.withTracking(null, carrier, now);
            for (String value : values) {
                if (!updated.hasTracking(value)) {
                    updated = updated.withTracking(new TrackingNumber(nextTrackingId++, value, now), null, now);
                }
            }
            return updated;
        });
    }

    public Instant now() {
        return clock.instant();
    }

    /** Writes pending changes now; for tests and shutdown. */
    public void flush() {
        if (file != null) {
            try {
                file.write();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Override
    public void close() {
        if (file != null) {
            file.close();
        }
    }

    private Optional<Order> replace(String id, UnaryOperator<Order> change) {
        Order order = orders.get(id);
        if (order == null) {
            return Optional.empty();
        }
        Order updated = change.apply(order);
        orders.put(id, updated);
        changed();
        return Optional.of(updated);
    }

    private void forgetOldestOrders() {
        while (orders.size() > ordersKept) {
            Order oldest = orders.remove(orders.keySet().iterator().next());
            committedAt.remove(oldest.id());
            oldest.cash().returns().forEach(r -> orderOfReturn.remove(r.number()));
        }
    }

    private void seed() {
        productsBySku.clear();
        skuById.clear();
        orders.clear();
        orderOfReturn.clear();
        committedAt.clear();
        customersSeen.clear();
        customers.clear();
        int id = 1;
        for (SimCatalog.Item item : SimCatalog.items()) {
            put(new ProductView(id++, item.sku(), item.description(), OrderGenerator.cents(item.price()),
                    2 * item.stock(), true));
        }
        nextOrderNumber = firstOrderNumber;
        nextItemId = 100_001;
        nextTrackingId = 1;
        nextSignUpIndex = FIRST_SIGN_UP_INDEX;
        nextTransactionNumber = 1;
        nextReturnNumber = 1;
    }

    private void restore(Snapshot snapshot) {
        snapshot.products().forEach(this::put);
        snapshot.orders().forEach(order -> {
            orders.put(order.id(), order);
            order.cash().returns().forEach(r -> orderOfReturn.put(r.number(), order.id()));
        });
        customersSeen.addAll(snapshot.customersSeen());
        // state files written before customers were kept have none; those customers are unknown to the API
        if (snapshot.customers() != null) {
            snapshot.customers().forEach(c -> customers.put(StorefrontCustomer.key(c.email()), c));
        }
        nextOrderNumber = snapshot.nextOrderNumber();
        nextItemId = snapshot.nextItemId();
        nextTrackingId = snapshot.nextTrackingId();
        // state files written before captures and returns existed have neither counter
        nextTransactionNumber = Math.max(1, snapshot.nextTransactionNumber());
        nextReturnNumber = Math.max(1, snapshot.nextReturnNumber());
        nextSignUpIndex = Math.max(FIRST_SIGN_UP_INDEX, customers.values().stream()
                .mapToInt(c -> c.index() + 1).max().orElse(FIRST_SIGN_UP_INDEX));
    }

    private void put(ProductView product) {
        productsBySku.put(product.sku(), product);
        skuById.put(product.id(), product.sku());
    }

    private synchronized Snapshot snapshot() {
        return new Snapshot(nextOrderNumber, nextItemId, nextTrackingId, new TreeSet<>(customersSeen),
                List.copyOf(productsBySku.values()), List.copyOf(orders.values()), List.copyOf(customers.values()),
                nextTransactionNumber, nextReturnNumber);
    }

    private void changed() {
        if (file != null) {
            file.changed();
        }
    }
}
