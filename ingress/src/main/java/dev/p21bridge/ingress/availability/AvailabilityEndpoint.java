package dev.p21bridge.ingress.availability;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * {@code GET /stores/{store}/availability?sku=A&sku=B[&location=L]} (docs/availability.md). The checks run in the
 * order a caller can act on them: an unknown store or one without a token is 404 with how to enable it, a missing or
 * wrong token 401, a bad query 400 naming the limit, levels still loading 503 with {@code Retry-After}; then 200.
 * Answers are never cached by a proxy: they change with every order.
 */
public final class AvailabilityEndpoint implements Handler {

    public static final String PATH = "/stores/{store}/availability";
    /** Seconds a caller waits before asking again while the levels load; loading takes seconds. */
    public static final String RETRY_AFTER_SECONDS = "2";

    private final AvailabilityConfig config;
    private final Set<String> stores;
    private final StoreTokens tokens;
    private final AvailabilityLevels levels;
    private final BooleanSupplier caughtUp;
    private final Map<String, Timer> timers = new java.util.HashMap<>();

    public AvailabilityEndpoint(AvailabilityConfig config, AvailabilityLevels levels, BooleanSupplier caughtUp,
                                MeterRegistry registry) {
        this.config = config;
        this.stores = Set.copyOf(config.stores());
        this.tokens = new StoreTokens(config.tokens());
        this.levels = levels;
        this.caughtUp = caughtUp;
        for (String outcome : List.of("answered", "unknown-store", "not-enabled", "unauthorized", "bad-request",
                "not-ready")) {
            timers.put(outcome, Timer.builder("availability.requests").description("availability API calls, by outcome")
                    .tag("outcome", outcome).register(registry));
        }
    }

    /**
     * The route, and its own readiness {@code GET /health/availability} (200 once the levels are loaded, else 503
     * with {@code Retry-After}) for a load balancer that routes cart calls apart from webhooks.
     */
    public void install(JavalinConfig cfg) {
        cfg.routes.get(PATH, this);
        cfg.routes.get("/health/availability", ctx -> {
            boolean ready = caughtUp.getAsBoolean();
            if (!ready) {
                ctx.header("Retry-After", RETRY_AFTER_SECONDS);
            }
            ctx.status(ready ? 200 : 503).json(Map.of("ready", ready));
        });
    }

    @Override
    public void handle(Context ctx) {
        long start = System.nanoTime();
        timers.get(answer(ctx)).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    }

    private String answer(Context ctx) {
        String store = ctx.pathParam("store");
        ctx.header("Cache-Control", "no-store");
        if (!stores.contains(store)) {
            ctx.status(404).json(Map.of("error", "no store named '" + store + "' in BRIDGE_STORES"));
            return "unknown-store";
        }
        if (!tokens.enabled(store)) {
            ctx.status(404).json(Map.of("error", "the availability API is not enabled for store '" + store
                    + "': set " + AvailabilityConfig.tokenVariable(store) + " on the ingress (docs/availability.md)"));
            return "not-enabled";
        }
        if (!tokens.accepts(store, ctx.header("Authorization"))) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"p21-bridge availability\"");
            ctx.status(401).json(Map.of("error", "missing or wrong bearer token for store '" + store
                    + "' (Authorization: Bearer <token>)"));
            return "unauthorized";
        }
        AvailabilityQuery query;
        try {
            query = AvailabilityQuery.parse(ctx.queryParamMap());
        } catch (IllegalArgumentException e) {
            ctx.status(400).json(Map.of("error", e.getMessage()));
            return "bad-request";
        }
        if (!caughtUp.getAsBoolean()) {
            ctx.header("Retry-After", RETRY_AFTER_SECONDS);
            ctx.status(503).json(Map.of("error", "the stock levels are still loading; ask again in "
                    + RETRY_AFTER_SECONDS + " s"));
            return "not-ready";
        }
        ctx.json(AvailabilityAnswer.of(store, config.stockLocations(store), query, levels));
        return "answered";
    }
}
