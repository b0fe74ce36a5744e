package dev.p21bridge.simulators.faults;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Makes a simulator misbehave the way real servers do, on request ({@code POST /sim/faults}), so the bridge's retry,
 * circuit-breaker and exactly-once paths can be exercised. Only the real-shaped API is affected, never {@code /sim}.
 *
 * <p>{@code commitThenFailRate} is the dangerous one: the write happens, then the answer fails, so a client that
 * simply retries creates a duplicate. {@code timeoutRate} holds the request for {@code timeoutMs} before answering
 * 504, which a client with a shorter read timeout sees as an unknown outcome.
 */
public final class FaultInjector {

    /** One fault setting; rates are probabilities in [0, 1]. */
    public record Faults(double errorRate, List<Integer> statuses, long latencyMs, double timeoutRate,
                         long timeoutMs, double commitThenFailRate, double sessionPoolRate) {
        public static final Faults NONE = new Faults(0, List.of(500), 0, 0, 30_000, 0, 0);

        public Faults {
            statuses = statuses == null || statuses.isEmpty() ? List.of(500) : List.copyOf(statuses);
            timeoutMs = timeoutMs <= 0 ? 30_000 : timeoutMs;
            for (double rate : new double[] {errorRate, timeoutRate, commitThenFailRate, sessionPoolRate}) {
                if (rate < 0 || rate > 1) {
                    throw new IllegalArgumentException("rates must lie between 0 and 1, got " + rate);
                }
            }
        }

        static Faults fromJson(Map<String, Object> body) {
            return new Faults(number(body, "errorRate"), statuses(body.get("statuses")), (long) number(body, "latencyMs"),
                    number(body, "timeoutRate"), (long) number(body, "timeoutMs"), number(body, "commitThenFailRate"),
                    number(body, "sessionPoolRate"));
        }

        private static double number(Map<String, Object> body, String name) {
            Object value = body.get(name);
            if (value == null) {
                return 0;
            }
            if (value instanceof Number n) {
                return n.doubleValue();
            }
            throw new IllegalArgumentException(name + " must be a number, got " + value);
        }

        private static List<Integer> statuses(Object value) {
            if (value == null) {
                return List.of();
            }
            if (value instanceof List<?> list) {
                return list.stream().map(s -> {
                    if (s instanceof Number n && n.intValue() >= 400 && n.intValue() <= 599) {
                        return n.intValue();
                    }
                    throw new IllegalArgumentException("statuses must be HTTP error codes 400-599, got " + s);
                }).toList();
            }
            throw new IllegalArgumentException("statuses must be an array of HTTP codes");
        }
    }

    /** What to do to one request; decided once, before the handler runs. */
    public record Decision(long delayMs, Integer failStatus, boolean timeout, boolean failAfterCommit,
                           boolean sessionPool) {
        static final Decision PASS = new Decision(0, null, false, false, false);
    }

    private static final String DECISION = "sim.fault.decision";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AtomicReference<Faults> faults = new AtomicReference<>(Faults.NONE);

    public Faults current() {
        return faults.get();
    }

    public void set(Faults value) {
        faults.set(value);
    }

    public void clear() {
        faults.set(Faults.NONE);
    }

    /** Draws the dice for one request. */
    public Decision decide() {
        Faults f = faults.get();
        if (f.equals(Faults.NONE)) {
            return Decision.PASS;
        }
        ThreadLocalRandom random = ThreadLocalRandom.current();
        if (random.nextDouble() < f.timeoutRate()) {
            return new Decision(f.latencyMs(), null, true, false, false);
        }
        if (random.nextDouble() < f.sessionPoolRate()) {
            return new Decision(f.latencyMs(), 500, false, false, true);
        }
        if (random.nextDouble() < f.errorRate()) {
            int status = f.statuses().get(random.nextInt(f.statuses().size()));
            return new Decision(f.latencyMs(), status, false, false, false);
        }
        boolean commitThenFail = random.nextDouble() < f.commitThenFailRate();
        return new Decision(f.latencyMs(), null, false, commitThenFail, false);
    }

    /**
     * Registers the {@code /sim/faults} control routes and the before/after filters for every path under the given
     * prefixes ({@code "/api/*"}, say). {@code errorBody} renders a failure in the simulated system's own shape.
     */
    public void install(JavalinConfig config, ErrorBody errorBody, String... pathPatterns) {
        config.routes.post("/sim/faults", ctx -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> body = JSON.readValue(ctx.bodyAsBytes(), Map.class);
            try {
                set(Faults.fromJson(body));
            } catch (IllegalArgumentException e) {
                ctx.status(400).json(Map.of("error", e.getMessage()));
                return;
            }
            ctx.json(current());
        });
        config.routes.delete("/sim/faults", ctx -> {
            clear();
            ctx.status(204);
        });
        config.routes.get("/sim/faults", ctx -> ctx.json(current()));
        for (String pattern : pathPatterns) {
            config.routes.before(pattern, ctx -> before(ctx, errorBody));
            config.routes.after(pattern, ctx -> after(ctx, errorBody));
        }
    }

    private void before(Context ctx, ErrorBody errorBody) throws InterruptedException {
        Decision decision = decide();
        ctx.attribute(DECISION, decision);
        if (decision.delayMs() > 0) {
            Thread.sleep(decision.delayMs());
        }
        if (decision.timeout()) {
            Thread.sleep(faults.get().timeoutMs());
            fail(ctx, 504, errorBody);
        } else if (decision.sessionPool()) {
            ctx.status(500).json(Map.of("error", Map.of("message", "Unexpected response window encountered")));
            ctx.skipRemainingHandlers();
        } else if (decision.failStatus() != null) {
            fail(ctx, decision.failStatus(), errorBody);
        }
    }

    private void after(Context ctx, ErrorBody errorBody) {
        Decision decision = ctx.attribute(DECISION);
        if (decision != null && decision.failAfterCommit() && ctx.statusCode() < 300) {
            ctx.status(500).result(errorBody.render(500));
        }
    }

    private static void fail(Context ctx, int status, ErrorBody errorBody) {
        if (status == 429 || status == 503) {
            ctx.header("Retry-After", "1");
        }
        ctx.status(status).contentType("application/json").result(errorBody.render(status));
        ctx.skipRemainingHandlers();
    }

    /** Renders an injected failure as the simulated system would word it. */
    @FunctionalInterface
    public interface ErrorBody {
        String render(int status);
    }
}
