package dev.p21bridge.simulators.storefront;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.p21bridge.platform.http.ListenAddress;
import dev.p21bridge.simulators.faults.FaultInjector;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.json.JavalinJackson;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the X-Cart and Clarity simulators share: state with persistence, checkout with signed webhooks, the
 * {@code /sim} control API, fault injection and the demo trickle. A subclass adds its storefront's real-shaped API
 * and order shape.
 */
public abstract class StorefrontSimulator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StorefrontSimulator.class);
    private static final int PARALLEL_DELIVERIES = 16;
    /** What the demo trickle places: one order as a real store's mix of payments makes it. */
    static final CheckoutRequest TRICKLED = CheckoutRequest.of(1).withCapture(CheckoutRequest.Capture.MIXED)
            .withPayment(CheckoutRequest.Payment.MIXED);

    private final StorefrontSimulatorConfig config;
    private final String name;
    private final OrderGenerator generator;
    private final StorefrontState state;
    private final CallLog calls;
    private final FaultInjector faults = new FaultInjector();
    private final WebhookDeliverer deliverer;
    private final Checkout checkout;
    private final CashDesk cash;
    private final CustomerUpdates customerUpdates;
    private ListenAddress listen = ListenAddress.LOOPBACK;
    private Javalin app;
    private ScheduledExecutorService trickle;

    /**
     * @param name             how logs name it, e.g. {@code X-Cart}
     * @param stateFileName    the file under {@code dataDir}, e.g. {@code xcart-simulator.json}
     * @param firstOrderNumber the number of the first order after a reset
     */
    protected StorefrontSimulator(StorefrontSimulatorConfig config, String name, OrderGenerator generator,
                                  String stateFileName, long firstOrderNumber) {
        this.config = config;
        this.name = name;
        this.generator = generator;
        this.state = new StorefrontState(config.dataDir() == null ? null : config.dataDir().resolve(stateFileName),
                firstOrderNumber, Clock.systemUTC(), config.ordersKept());
        this.calls = new CallLog(config.ordersKept());
        this.deliverer = config.webhookUrl() == null ? null
                : new WebhookDeliverer(config.webhookUrl(), config.webhookSecret(), name + "-Simulator/1.0",
                        PARALLEL_DELIVERIES, WebhookDeliverer.RetryPolicy.DEFAULT, Clock.systemUTC());
        this.cash = new CashDesk(state, generator, deliverer, config.redeliveryRate(), name);
        this.checkout = new Checkout(state, generator, deliverer, cash, config.redeliveryRate());
        this.customerUpdates = new CustomerUpdates(state, generator, deliverer, name);
    }

    /** Registers the storefront's own API routes (under the prefix the fault injector covers). */
    protected abstract void installApi(JavalinConfig cfg);

    /** The path pattern of the real-shaped API, e.g. {@code /api/*}. */
    protected abstract String apiPattern();

    /** An error body in the storefront's API shape, for injected faults. */
    protected abstract String faultBody(int status);

    /** Starts the HTTP server; {@link #port()} is known afterwards. */
    /** Binds {@code address} instead of loopback; call before {@link #start()}. */
    public synchronized StorefrontSimulator listenOn(ListenAddress address) {
        this.listen = address;
        return this;
    }

    public synchronized StorefrontSimulator start() {
        if (app != null) {
            throw new IllegalStateException(name + " simulator already started");
        }
        app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.http.maxRequestSize = 1_048_576;
            // Javalin's copy buffer, allocated per answer: 32 KiB unless set, for answers of a few KiB.
            cfg.http.responseBufferSize = 8_192;
            cfg.jsonMapper(new JavalinJackson(StorefrontJson.mapper(), false));
            faults.install(cfg, this::faultBody, apiPattern());
            SimControlRoutes.install(cfg, this);
            CashControlRoutes.install(cfg, this);
            installApi(cfg);
        });
        app.start(listen.host(), config.port());
        LOG.info("{} simulator listening on {}", name, url());
        return this;
    }

    public int port() {
        if (app == null) {
            throw new IllegalStateException(name + " simulator not started");
        }
        return app.port();
    }

    public URI url() {
        return URI.create("http://" + listen.urlHost() + ":" + port());
    }

    /** Places orders and answers after every webhook got a 2xx or was given up; the ids of the orders placed. */
    public List<String> checkout(CheckoutRequest request) {
        return checkoutWithReport(request).orders();
    }

    public CheckoutResult checkoutWithReport(CheckoutRequest request) {
        return checkout.run(request);
    }

    /**
     * Places orders as {@code checkoutWithReport} does, every one by the customer with this e-mail; empty when the
     * store has no such customer.
     */
    public Optional<CheckoutResult> checkoutBy(String email, CheckoutRequest request) {
        return state.customer(email).map(customer -> checkout.run(request, customer.asPoolCustomer()));
    }

    /** What a sign-up made: the customer, and the outcome of its {@code customer.created} webhook. */
    public record SignedUp(StorefrontCustomer customer, int delivered, int failed) {
    }

    /**
     * Signs a customer up and answers after its {@code customer.created} webhook got a 2xx or was given up, as a
     * checkout does; empty when the e-mail is taken.
     */
    public Optional<SignedUp> signUp(SignUpRequest request) {
        Optional<StorefrontCustomer> signedUp = state.signUp(request.email(),
                index -> request.asCustomer(index, 3_001L + index, String.format(Locale.ROOT, "C-%05d",
                        55_001 + index)));
        return signedUp.map(customer -> {
            if (deliverer == null) {
                return new SignedUp(customer, 0, 0);
            }
            WebhookEvent event;
            try {
                event = new WebhookEvent(UUID.randomUUID().toString(), "customer.created",
                        StorefrontJson.mapper().writeValueAsBytes(
                                generator.customerJson(customer.asPoolCustomer(), customer.created())), false);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a generated payload always serializes", e);
            }
            WebhookDeliverer.Report report = deliverer.deliver(List.of(event));
            return new SignedUp(customer, report.delivered(), report.failed());
        });
    }

    /**
     * Why a change of an order was refused: {@code notFound} for an unknown order (or return), {@code conflict} for
     * one whose state forbids it (cancelled, refunded otherwise), else a bad request.
     */
    public static final class OrderChangeRefused extends RuntimeException {
        private final boolean notFound;
        private final boolean conflict;

        OrderChangeRefused(String message, boolean notFound) {
            this(message, notFound, false);
        }

        OrderChangeRefused(String message, boolean notFound, boolean conflict) {
            super(message);
            this.notFound = notFound;
            this.conflict = conflict;
        }

        static OrderChangeRefused notFound(String message) {
            return new OrderChangeRefused(message, true, false);
        }

        static OrderChangeRefused conflict(String message) {
            return new OrderChangeRefused(message, false, true);
        }

        static OrderChangeRefused badRequest(String message) {
            return new OrderChangeRefused(message, false, false);
        }

        public boolean notFound() {
            return notFound;
        }

        /** The HTTP status that says it: 404, 409 or 400. */
        public int status() {
            return notFound ? 404 : conflict ? 409 : 400;
        }
    }

    /**
     * Changes the quantities of an order's lines by SKU (0 removes a line) as a merchant does in the order editor, and
     * sends {@code order.updated}; answers after the webhook got a 2xx or was given up. Refused for an unknown order,
     * a cancelled one, a SKU not on the order, or a change that leaves no line.
     */
    public Order updateOrder(String id, java.util.Map<String, Integer> quantities) {
        Order order = state.order(id).orElseThrow(() -> new OrderChangeRefused("no order " + id, true));
        if (order.status().equals(generator.cancelledStatus())) {
            throw new OrderChangeRefused("order " + id + " is cancelled", false);
        }
        java.util.Set<String> onOrder = new java.util.HashSet<>();
        order.lines().forEach(line -> onOrder.add(ProductView.canonicalSku(line.sku())));
        for (java.util.Map.Entry<String, Integer> entry : quantities.entrySet()) {
            if (!onOrder.contains(entry.getKey())) {
                throw new OrderChangeRefused("sku " + entry.getKey() + " is not on order " + id, false);
            }
            if (entry.getValue() < 0) {
                throw new OrderChangeRefused("qty must not be negative for sku " + entry.getKey(), false);
            }
        }
        if (order.withQuantities(quantities, state.now()).lines().isEmpty()) {
            throw new OrderChangeRefused("the change would leave order " + id + " without lines; cancel it instead",
                    false);
        }
        Order updated = state.setQuantities(id, quantities).orElseThrow();
        announce(updated);
        return updated;
    }

    /** Cancels an order as the storefront's admin does and sends {@code order.updated} with the cancelled status. */
    public Order cancelOrder(String id) {
        Order order = state.order(id).orElseThrow(() -> new OrderChangeRefused("no order " + id, true));
        if (order.status().equals(generator.cancelledStatus())) {
            throw new OrderChangeRefused("order " + id + " is cancelled already", false);
        }
        Order cancelled = state.setStatus(id, generator.cancelledStatus()).orElseThrow();
        announce(cancelled);
        return cancelled;
    }

    /** Whether the order's status is this storefront's cancelled one. */
    public boolean cancelled(Order order) {
        return order.status().equals(generator.cancelledStatus());
    }

    private void announce(Order order) {
        if (deliverer == null) {
            return;
        }
        try {
            deliverer.deliver(List.of(new WebhookEvent(UUID.randomUUID().toString(), "order.updated",
                    StorefrontJson.mapper().writeValueAsBytes(generator.orderJson(order)), false)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a generated payload always serializes", e);
        }
    }

    /**
     * Switches the store's webhooks on or off. Off, it announces nothing (orders, customers, captures, returns), as
     * stock X-Cart 5.5 does, and its orders are found only through its order list; on again, only what happens from
     * then on is announced. A simulator started without a webhook URL has them off always.
     */
    public void webhooksEnabled(boolean on) {
        if (deliverer != null) {
            deliverer.enabled(on);
        }
    }

    public boolean webhooksEnabled() {
        return deliverer != null && deliverer.enabled();
    }

    /** One page of the order list, as the store's real-shaped API answers it (orders committed late show later). */
    public OrderListPage listOrders(OrderListQuery query) {
        return state.listOrders(query);
    }

    public Optional<ProductView> product(String sku) {
        return state.productBySku(sku);
    }

    public Optional<OrderView> order(String id) {
        return state.order(id).map(OrderView::of);
    }

    public Optional<StorefrontCustomer> customer(String email) {
        return state.customer(email);
    }

    /** Captures, returns, refunds and order details, each announced as the store would. */
    public CashDesk cash() {
        return cash;
    }

    /** The order's payment status as this storefront names it: X-Cart's code, Clarity's name. */
    public String paymentStatus(Order order) {
        return generator.paymentStatus(order);
    }

    /** Customer changes through the API, each announced with a {@code customer.updated} webhook. */
    public CustomerUpdates customerUpdates() {
        return customerUpdates;
    }

    /** Back to the seeded catalogue with no orders, customers, calls or faults. */
    public void reset() {
        state.reset();
        customerUpdates.clear();
        calls.clear();
        faults.clear();
    }

    /**
     * Places one order at a time at about {@code ordersPerSecond}, for {@code ./bridge up --demo}: as a real store's
     * mix, a card order is captured after checkout ({@link CheckoutRequest.Capture#MIXED}) unless its payment was
     * declined (about 2%, {@link CheckoutRequest.Payment#MIXED}).
     */
    public synchronized void startTrickle(double ordersPerSecond) {
        if (!(ordersPerSecond > 0) || ordersPerSecond > 1_000) {
            throw new IllegalArgumentException("ordersPerSecond must lie in (0, 1000], got " + ordersPerSecond);
        }
        stopTrickle();
        trickle = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, name + "-trickle");
            thread.setDaemon(true);
            return thread;
        });
        long periodMicros = Math.max(1_000, (long) (1_000_000 / ordersPerSecond));
        trickle.scheduleAtFixedRate(this::placeOneQuietly, periodMicros, periodMicros, TimeUnit.MICROSECONDS);
    }

    public synchronized void stopTrickle() {
        if (trickle != null) {
            trickle.shutdownNow();
            trickle = null;
        }
    }

    public StorefrontState state() {
        return state;
    }

    public CallLog calls() {
        return calls;
    }

    public FaultInjector faults() {
        return faults;
    }

    protected OrderGenerator generator() {
        return generator;
    }

    protected StorefrontSimulatorConfig config() {
        return config;
    }

    @Override
    public synchronized void close() {
        stopTrickle();
        if (app != null) {
            app.stop();
        }
        customerUpdates.close();
        cash.close();
        if (deliverer != null) {
            deliverer.close();
        }
        state.close();
    }

    private void placeOneQuietly() {
        try {
            checkout(TRICKLED);
        } catch (RuntimeException e) {
            LOG.warn("{} trickle could not place an order", name, e);
        }
    }
}
