package dev.p21bridge.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.p21bridge.simulators.p21.P21Order;
import dev.p21bridge.simulators.p21.P21Simulator;
import dev.p21bridge.simulators.storefront.CashDesk;
import dev.p21bridge.simulators.storefront.Order;
import dev.p21bridge.simulators.storefront.StorefrontSimulator;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the people at P21 and the stores do with the demo's orders, so {@code ./bridge up --demo} shows every cash
 * flow (the trickle itself captures card orders as a store does). Every tick it receives the open RMAs, invoices the
 * storefront orders P21 shipped, opens a return through the order's store for a share of those it invoiced (paid in
 * the store: a purchase order has nothing the store could refund), and ships the storefront orders open in P21, each
 * once it has been in its state for {@link Settings#dwell}, so the bridge carries one change to the store before the
 * next is made. Each step does at most {@link Settings#maxPerStep} things a tick, so a backlog drains over several
 * ticks instead of one long one.
 *
 * <p>A failed step (an order cancelled in between, P21 faults switched on by someone trying the bridge) is logged and
 * retried on a later tick; nothing leaves the thread, and {@link #close()} stops it within a few seconds.
 */
final class DemoCashFlow implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DemoCashFlow.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] REASONS = {"Damaged in transit", "Wrong size", "Ordered too many"};

    /**
     * @param tick          time between the end of one tick and the start of the next
     * @param dwell         how long an order stays open, shipped or an RMA open in P21 before the next step
     * @param returnPercent the share of invoiced orders, in percent, whose buyer sends something back
     * @param maxPerStep    the most orders each step (ship, invoice, return, receive) handles in one tick
     * @param seed          makes the choice of the orders returned repeatable
     */
    record Settings(Duration tick, Duration dwell, int returnPercent, int maxPerStep, long seed) {

        Settings {
            if (tick.isNegative() || tick.isZero() || dwell.isNegative()) {
                throw new IllegalArgumentException("tick must be positive and dwell not negative");
            }
            if (returnPercent < 0 || returnPercent > 100 || maxPerStep < 1) {
                throw new IllegalArgumentException("returnPercent must lie in 0..100 and maxPerStep be at least 1");
            }
        }

        /** Every 5 s; 10 s in each state, one in ten invoiced orders is returned, 20 of each step per tick. */
        static Settings defaults() {
            return new Settings(Duration.ofSeconds(5), Duration.ofSeconds(10), 10, 20, 21);
        }
    }

    /** What one tick did. */
    record Tick(int received, int invoiced, int returned, int shipped) {

        boolean idle() {
            return received + invoiced + returned + shipped == 0;
        }
    }

    private final P21Simulator p21;
    private final Map<String, StorefrontSimulator> stores;
    private final Settings settings;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private ScheduledExecutorService thread;

    /** @param stores the storefronts by source name ({@code xcart}, {@code clarity}), as order keys begin */
    DemoCashFlow(P21Simulator p21, Map<String, StorefrontSimulator> stores, Settings settings, Clock clock) {
        this.p21 = p21;
        this.stores = new LinkedHashMap<>(stores);
        this.settings = settings;
        this.clock = clock;
    }

    synchronized DemoCashFlow start() {
        if (thread != null) {
            throw new IllegalStateException("the demo cash flow runs already");
        }
        thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "demo-cash-flow");
            t.setDaemon(true);
            return t;
        });
        long millis = settings.tick().toMillis();
        thread.scheduleWithFixedDelay(this::tickQuietly, millis, millis, TimeUnit.MILLISECONDS);
        return this;
    }

    /** One round of work; package-private so a test drives it without waiting for the timer. */
    synchronized Tick tick() {
        int received = receiveRmas();
        int[] invoicedAndReturned = invoiceShipped();
        int shipped = shipOpen();
        return new Tick(received, invoicedAndReturned[0], invoicedAndReturned[1], shipped);
    }

    /** Whether the buyer of this order sends something back: the same answer for the same key and seed. */
    boolean returns(String orderKey) {
        return new Random(settings.seed() ^ orderKey.hashCode() * 0x9E3779B97F4A7C15L).nextInt(100)
                < settings.returnPercent();
    }

    @Override
    public synchronized void close() {
        if (thread == null) {
            return;
        }
        thread.shutdownNow();
        try {
            if (!thread.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("the demo cash flow did not stop within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        thread = null;
    }

    private void tickQuietly() {
        try {
            Tick done = tick();
            if (!done.idle()) {
                LOG.info("demo: shipped {}, invoiced {}, returns opened {}, RMAs received {}", done.shipped(),
                        done.invoiced(), done.returned(), done.received());
            }
        } catch (RuntimeException e) {
            LOG.warn("demo cash flow tick failed, trying again next tick: {}", e.toString());
        }
    }

    private int receiveRmas() {
        int received = 0;
        for (P21Order rma : p21.rmas()) {
            if (received == settings.maxPerStep()) {
                break;
            }
            if (rma.status().equals("open") && dwelt(rma)
                    && attempt("receive RMA " + rma.orderNo(), () -> p21.receiveRma(rma.orderNo()))) {
                received++;
            }
        }
        return received;
    }

    /** Invoices shipped storefront orders and opens the returns of a share of them: {invoiced, returned}. */
    private int[] invoiceShipped() {
        int invoiced = 0;
        int returned = 0;
        for (P21Order order : storefrontOrders("shipped")) {
            if (invoiced == settings.maxPerStep()) {
                break;
            }
            if (!dwelt(order) || !attempt("invoice order " + order.orderNo(), () -> p21.invoice(order.orderNo()))) {
                continue;
            }
            invoiced++;
            if (returns(order.webReferenceNo()) && openReturn(order.webReferenceNo())) {
                returned++;
            }
        }
        return new int[] {invoiced, returned};
    }

    private int shipOpen() {
        int shipped = 0;
        for (P21Order order : storefrontOrders("open")) {
            if (shipped == settings.maxPerStep()) {
                break;
            }
            if (dwelt(order) && attempt("ship order " + order.orderNo(), () -> ship(order.orderNo()))) {
                shipped++;
            }
        }
        return shipped;
    }

    /** Whether the order has been in its state (its last change) for the dwell time. */
    private boolean dwelt(P21Order order) {
        return !order.dateLastModified().plus(settings.dwell()).isAfter(clock.instant());
    }

    /** Sales orders of a known store in this P21 status, oldest first. */
    private List<P21Order> storefrontOrders(String status) {
        return p21.orders().stream().filter(o -> o.status().equals(status) && store(o.webReferenceNo()).isPresent())
                .toList();
    }

    /** One unit of the order's first line back, through the store that sold it, if the store took money for it. */
    private boolean openReturn(String orderKey) {
        StorefrontSimulator store = store(orderKey).orElseThrow();
        String orderId = orderKey.substring(orderKey.indexOf(':') + 1);
        Optional<Order> order = store.state().order(orderId);
        // a purchase order was never paid through the store, so the store could refund nothing of it
        if (order.isEmpty() || order.get().lines().isEmpty() || order.get().captured().signum() == 0) {
            return false;
        }
        String sku = order.get().lines().get(0).sku();
        String reason = REASONS[Math.floorMod(orderKey.hashCode(), REASONS.length)];
        return attempt("open a return of " + orderKey, () -> store.cash().openReturn(orderId,
                new CashDesk.ReturnRequest(List.of(new CashDesk.ReturnRequest.Line(sku, 1)), reason, "", false)));
    }

    /** Ships the whole order as {@code POST /sim/shipments} does: the P21 simulator has no Java call for it. */
    private void ship(String orderNo) {
        try {
            String body = JSON.writeValueAsString(Map.of("order_no", orderNo, "carrier_id", "UPS",
                    "tracking_no", "1ZDEMO" + orderNo));
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(p21.url() + "/sim/shipments"))
                    .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 201) {
                throw new IllegalStateException("P21 answered " + answer.statusCode() + ": " + answer.body());
            }
        } catch (IOException e) {
            throw new IllegalStateException("P21 could not be reached: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while shipping " + orderNo, e);
        }
    }

    private Optional<StorefrontSimulator> store(String orderKey) {
        int colon = orderKey == null ? -1 : orderKey.indexOf(':');
        return colon < 0 ? Optional.empty() : Optional.ofNullable(stores.get(orderKey.substring(0, colon)));
    }

    /** Runs one step of one order; false, logged, when it failed (the order is tried again next tick if still due). */
    private static boolean attempt(String what, Runnable step) {
        try {
            step.run();
            return true;
        } catch (RuntimeException e) {
            LOG.debug("demo could not {}: {}", what, e.toString());
            return false;
        }
    }
}
