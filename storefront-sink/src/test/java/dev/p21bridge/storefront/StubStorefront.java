package dev.p21bridge.storefront;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * What the two stub storefronts share: a catalogue and orders in memory, a log of every call, and faults a test
 * arms: the next N state-changing calls answer 503 with {@code Retry-After: 0}, or apply the change and then answer
 * 500 (the outcome the sink cannot see); state changes on paths containing one of {@link #unavailablePaths} always
 * answer 503; and {@link #goDown()} stops the server so connections are refused until {@link #comeUp()} starts it
 * again on the same port.
 */
abstract class StubStorefront implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();

    /** One call as the stub received it. */
    record Call(String method, String path, String body, Map<String, String> headers) {
    }

    static final class Product {
        final int id;
        final String sku;
        volatile long amount;
        volatile BigDecimal price;

        Product(int id, String sku, long amount, BigDecimal price) {
            this.id = id;
            this.sku = sku;
            this.amount = amount;
            this.price = price;
        }
    }

    static final class Order {
        volatile String status;
        volatile String carrier;
        final List<String> tracking = new ArrayList<>();

        Order(String status) {
            this.status = status;
        }
    }

    final Map<String, Product> products = new ConcurrentHashMap<>();
    final Map<Integer, Product> productsById = new ConcurrentHashMap<>();
    final Map<String, Order> orders = new ConcurrentHashMap<>();
    final List<Call> calls = java.util.Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger failNextChanges = new AtomicInteger();
    final AtomicInteger commitThenFailNextChanges = new AtomicInteger();
    final java.util.Set<String> unavailablePaths = ConcurrentHashMap.newKeySet();
    /** Added to every call, to make a stream of calls take long enough to stop the sink in the middle of it. */
    volatile long latencyMs;
    private final AtomicInteger ids = new AtomicInteger();
    private volatile Javalin app;
    private final int port;

    StubStorefront() {
        app = start(0);
        port = app.port();
    }

    private Javalin start(int onPort) {
        return Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.routes.before(ctx -> {
                calls.add(new Call(ctx.method().name(), ctx.path(), ctx.body(),
                        Map.of("auth", String.valueOf(authHeader(ctx)),
                                "content-type", String.valueOf(ctx.header("Content-Type")))));
                if (latencyMs > 0) {
                    Thread.sleep(latencyMs);
                }
            });
            routes(cfg);
        }).start("127.0.0.1", onPort);
    }

    /** Stops answering: every connection is refused until {@link #comeUp()}. */
    synchronized void goDown() {
        app.stop();
    }

    synchronized void comeUp() {
        app = start(port);
    }

    /** Installs the storefront's routes; called from the constructor, so it may only register handlers. */
    abstract void routes(JavalinConfig cfg);

    abstract String authHeader(Context ctx);

    String baseUrl() {
        return "http://localhost:" + port;
    }

    Product addProduct(String sku, long amount, String price) {
        Product product = new Product(ids.incrementAndGet(), sku, amount, new BigDecimal(price));
        products.put(sku, product);
        productsById.put(product.id, product);
        return product;
    }

    Order addOrder(String id, String status) {
        Order order = new Order(status);
        orders.put(id, order);
        return order;
    }

    List<Call> calls(Predicate<Call> which) {
        synchronized (calls) {
            return calls.stream().filter(which).toList();
        }
    }

    long stateChangingCalls(String pathPart) {
        return calls(c -> !c.method().equals("GET") && c.path().contains(pathPart)).size();
    }

    /**
     * Runs a state change unless a fault is armed: answers false when it answered for the change itself (503
     * before, 500 after applying it).
     */
    boolean change(Context ctx, Runnable apply) {
        if (unavailablePaths.stream().anyMatch(ctx.path()::contains)) {
            ctx.status(503).result(failureBody(503, "Service Unavailable"));
            return false;
        }
        if (failNextChanges.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            ctx.status(503).header("Retry-After", "0").result(failureBody(503, "Service Unavailable"));
            return false;
        }
        apply.run();
        if (commitThenFailNextChanges.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            ctx.status(500).result(failureBody(500, "Internal Server Error"));
            return false;
        }
        return true;
    }

    abstract String failureBody(int status, String message);

    static JsonNode body(Context ctx) {
        try {
            return JSON.readTree(ctx.bodyAsBytes());
        } catch (IOException e) {
            return JSON.nullNode();
        }
    }

    @Override
    public void close() {
        app.stop();
    }
}
