package dev.p21bridge.simulators.p21;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.p21bridge.platform.http.ListenAddress;
import dev.p21bridge.simulators.faults.FaultInjector;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import io.javalin.json.JavalinJackson;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stand-in for an Epicor Prophet 21 server (docs/contract.md, section 'Simulators'): P21's token, UI-router,
 * Transaction ({@code Order}, {@code Customer}, {@code CashReceipt}, {@code RMA}) and OData APIs in their real shapes, backed by a small in-memory P21
 * database seeded from the shared catalogue, plus the {@code /sim} control API and fault injection on everything but
 * {@code /sim}.
 *
 * <pre>{@code
 * try (P21Simulator p21 = new P21Simulator(P21SimulatorConfig.defaults().withPort(0)).start()) {
 *     String base = p21.url();   // http://localhost:<port>
 * }
 * }</pre>
 */
public final class P21Simulator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(P21Simulator.class);

    private final P21SimulatorConfig config;
    private final FaultInjector faults = new FaultInjector();
    private P21Store store;
    private ListenAddress listen = ListenAddress.LOOPBACK;
    private Javalin app;

    public P21Simulator(P21SimulatorConfig config) {
        this.config = config;
    }

    /** Loads the saved state (or the seed) and starts serving; fails if the port is taken or the state unreadable. */
    /** Binds {@code address} instead of loopback; call before {@link #start()}. */
    public synchronized P21Simulator listenOn(ListenAddress address) {
        this.listen = address;
        return this;
    }

    public synchronized P21Simulator start() {
        if (app != null) {
            throw new IllegalStateException("the P21 simulator is already started");
        }
        store = new P21Store(config.dataDir(), P21Store.COMPACT_AT_BYTES, config.ordersKept());
        P21TransactionService transactions = new P21TransactionService(
                List.of(new P21OrderService(store), new P21CustomerService(store), new P21CashReceiptService(store),
                        new P21RmaService(store)));
        P21ApiRoutes api = new P21ApiRoutes(new P21TokenService(config, Clock.systemUTC()), transactions, store);
        P21ControlRoutes control = new P21ControlRoutes(store, faults);
        try {
            app = Javalin.create(cfg -> {
                cfg.startup.showJavalinBanner = false;
                cfg.http.maxRequestSize = 1_048_576;
                // Javalin's copy buffer, allocated per answer: 32 KiB unless set, for answers of a few KiB.
                cfg.http.responseBufferSize = 8_192;
                cfg.jsonMapper(new JavalinJackson(P21Json.MAPPER, false));
                // Read every request body up front: a response sent before the body is read makes Jetty close the
                // connection, and a keep-alive client then fails its next request on that connection.
                cfg.routes.before(ctx -> ctx.bodyAsBytes());
                faults.install(cfg, P21Simulator::faultBody, P21ApiRoutes.PROTECTED.toArray(String[]::new));
                api.install(cfg);
                control.install(cfg);
                new P21CashRoutes(store).install(cfg);
                cfg.routes.exception(NotFoundResponse.class, (e, ctx) -> notFound(ctx));
                cfg.routes.exception(Exception.class, (e, ctx) -> {
                    LOG.error("P21 simulator failed on {} {}", ctx.method(), ctx.path(), e);
                    ctx.status(500).json(P21ApiRoutes.errorBody("An error has occurred."));
                });
            });
            app.start(listen.host(), config.port());
        } catch (RuntimeException e) {
            store.close();
            app = null;
            throw e;
        }
        LOG.info("P21 simulator listening on {}{}", url(),
                config.dataDir() == null ? " (in memory)" : ", state in " + config.dataDir());
        return this;
    }

    public int port() {
        requireStarted();
        return app.port();
    }

    /** {@code http://localhost:<port>}. */
    public String url() {
        return "http://" + listen.urlHost() + ":" + port();
    }

    /** Every sales order created (RMAs excepted), oldest first; still readable after {@link #close()}. */
    public List<P21Order> orders() {
        requireStore();
        return store.read(state -> state.orders().stream().filter(o -> !o.rma()).toList());
    }

    /** Every RMA created, oldest first: {@code oe_hdr} rows with {@code rma_flag = 'Y'}. */
    public List<P21Order> rmas() {
        requireStore();
        return store.read(state -> state.orders().stream().filter(P21Order::rma).toList());
    }

    /** Every invoice and credit memo ({@code invoice_hdr}), oldest first. */
    public List<P21Invoice> invoices() {
        requireStore();
        return store.read(state -> List.copyOf(state.invoices()));
    }

    /** Every cash receipt ({@code ar_receipts}), voided ones included, oldest first. */
    public List<P21Receipt> payments() {
        requireStore();
        return store.read(state -> List.copyOf(state.receipts()));
    }

    /**
     * Invoices a shipped order, as {@code POST /sim/invoices} does.
     *
     * @throws RuntimeException (404/409 as the route answers) when the order is unknown, unshipped or invoiced
     */
    public P21Invoice invoice(String orderNo) {
        requireStore();
        return store.write((state, at) -> P21Receivables.invoice(state, orderNo, at));
    }

    /** Voids a cash receipt as a P21 user would, as {@code POST /sim/payments/{receipt_no}/void} does. */
    public P21Receipt voidPayment(String receiptNo) {
        requireStore();
        return store.write((state, at) -> P21Receivables.voidReceipt(state, receiptNo, at));
    }

    /** Enters a cash receipt a second time under a new number, as {@code POST /sim/payments/{no}/duplicate} does. */
    public P21Receipt duplicatePayment(String receiptNo) {
        requireStore();
        return store.write((state, at) -> P21Receivables.duplicate(state, receiptNo, at));
    }

    /** Receives an RMA's goods and credits the customer, as {@code POST /sim/rmas/{rma_no}/receive} does. */
    public P21Invoice receiveRma(String rmaNo) {
        requireStore();
        return store.write((state, at) -> P21RmaService.receive(state, rmaNo, at));
    }

    /** Takes a held order off hold, as {@code POST /sim/orders/{order_no}/release} does. */
    public P21Order release(String orderNo) {
        requireStore();
        return store.write((state, at) -> P21OrderService.release(state, orderNo, at));
    }

    /** Every customer, seeded and created. */
    public List<P21Customer> customers() {
        requireStore();
        return store.read(state -> List.copyOf(state.customers()));
    }

    /**
     * Cancels a sales order as a P21 user would ({@code cancel_flag = 'Y'}, its allocation released), as
     * {@code POST /sim/orders/{order_no}/cancel} does, for tests that hold the simulator itself.
     *
     * @throws P21Rejection when goods have shipped or the order is cancelled already
     */
    public P21Order cancel(String orderNo) {
        requireStore();
        return store.write((state, at) -> P21OrderService.cancel(state, orderNo, at));
    }

    public FaultInjector faults() {
        return faults;
    }

    /** Stops serving and, with a data directory, saves the state a last time. Safe to call twice. */
    @Override
    public synchronized void close() {
        if (app == null) {
            return;
        }
        app.stop();
        store.close();
        app = null;
    }

    /** Runs a simulator in the foreground: {@code [port] [dataDir]}, defaults 8091 and in memory. */
    public static void main(String[] args) throws InterruptedException {
        P21SimulatorConfig config = P21SimulatorConfig.defaults();
        if (args.length > 0) {
            config = config.withPort(Integer.parseInt(args[0]));
        }
        if (args.length > 1) {
            config = config.withDataDir(Path.of(args[1]));
        }
        P21Simulator simulator = new P21Simulator(config).start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            simulator.close();
            stopped.countDown();
        }, "p21-sim-shutdown"));
        stopped.await();
    }

    private void requireStore() {
        if (store == null) {
            throw new IllegalStateException("the P21 simulator was never started");
        }
    }

    private void requireStarted() {
        if (app == null) {
            throw new IllegalStateException("the P21 simulator is not started");
        }
    }

    /** An unknown path answers 404 in the shape of the API family it falls under. */
    private static void notFound(Context ctx) {
        String path = ctx.path();
        ctx.status(404);
        if (path.startsWith("/odataservice/")) {
            ctx.json(Map.of("error", Map.of("code", "404", "message", "Resource not found: "
                    + path.substring(path.indexOf("/odata/") < 0 ? 1 : path.indexOf("/odata/") + 7))));
        } else if (path.startsWith("/sim/")) {
            ctx.json(Map.of("error", "no control endpoint " + ctx.method() + " " + path));
        } else {
            ctx.json(P21ApiRoutes.errorBody("No HTTP resource was found that matches the request URI '" + path + "'."));
        }
    }

    private static String faultBody(int status) {
        String message = switch (status) {
            case 503 -> "Service unavailable";
            case 504 -> "The operation has timed out";
            case 502 -> "Bad gateway";
            case 429 -> "Too many requests";
            default -> status >= 500 ? "An error has occurred." : "The request failed";
        };
        try {
            return P21Json.MAPPER.writeValueAsString(P21ApiRoutes.errorBody(message));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
