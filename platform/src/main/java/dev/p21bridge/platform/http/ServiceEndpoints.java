package dev.p21bridge.platform.http;

import io.javalin.config.JavalinConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * {@code GET /health} and {@code GET /metrics}, the same on every service. Health says live whenever the process
 * answers, and ready only when every readiness check passes (Kafka reachable, the stream running), answering 503
 * otherwise so a load balancer stops sending webhooks to an instance that cannot store them.
 */
public final class ServiceEndpoints {

    /**
     * A named check; one that does not {@code gate} is reported under {@code checks} but leaves {@code ready} alone
     * (a part of the service that must not take the rest down with it, such as the ingress's availability API).
     */
    public record Check(String name, BooleanSupplier passing, boolean gates) {

        public Check(String name, BooleanSupplier passing) {
            this(name, passing, true);
        }

        /** A check reported in the answer that never makes the service unready. */
        public static Check reportedOnly(String name, BooleanSupplier passing) {
            return new Check(name, passing, false);
        }
    }

    private final String service;
    private final PrometheusMeterRegistry metrics;
    private final List<Check> checks;

    public ServiceEndpoints(String service, PrometheusMeterRegistry metrics, List<Check> checks) {
        this.service = service;
        this.metrics = metrics;
        this.checks = List.copyOf(checks);
    }

    public void install(JavalinConfig config) {
        config.routes.get("/health", ctx -> {
            Map<String, Object> health = health();
            ctx.status(Boolean.TRUE.equals(health.get("ready")) ? 200 : 503).json(health);
        });
        config.routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                .result(metrics.scrape()));
    }

    public Map<String, Object> health() {
        Map<String, Object> results = new LinkedHashMap<>();
        boolean ready = true;
        for (Check check : checks) {
            boolean passing;
            try {
                passing = check.passing().getAsBoolean();
            } catch (RuntimeException e) {
                passing = false;
            }
            results.put(check.name(), passing ? "UP" : "DOWN");
            ready &= passing || !check.gates();
        }
        Map<String, Object> health = new LinkedHashMap<>();
        health.put("service", service);
        health.put("status", ready ? "UP" : "DOWN");
        health.put("live", true);
        health.put("ready", ready);
        health.put("checks", results);
        return health;
    }
}
