package dev.p21bridge.app.console;

import dev.p21bridge.platform.dlq.DeadLetterEntry;
import dev.p21bridge.platform.dlq.DeadLetterFilter;
import dev.p21bridge.platform.dlq.DeadLetterStore;
import dev.p21bridge.platform.topics.Topics;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * The ops console's admin API: the same dead-letter list and replay as {@code ./bridge dlq}, as JSON, behind
 * {@code Authorization: Bearer $BRIDGE_ADMIN_TOKEN} (compared in constant time).
 * <pre>
 *   GET  /api/dlq/{service}?errorClass=&amp;since=&amp;key=
 *   POST /api/dlq/{service}/replay?errorClass=&amp;since=&amp;key=&amp;dryRun=true&amp;again=true
 * </pre>
 */
public final class AdminApi {

    private final DeadLetterStore store;
    private final byte[] token;

    public AdminApi(DeadLetterStore store, String token) {
        this.store = store;
        this.token = token.getBytes(StandardCharsets.UTF_8);
    }

    void install(JavalinConfig config) {
        config.routes.before("/api/dlq/*", this::authorize);
        config.routes.get("/api/dlq/{service}", ctx -> {
            String service = service(ctx);
            if (service != null) {
                ctx.json(store.list(service, filter(ctx)).stream().map(DeadLetterEntry::summary).toList());
            }
        });
        config.routes.post("/api/dlq/{service}/replay", ctx -> {
            String service = service(ctx);
            if (service != null) {
                DeadLetterStore.ReplayResult result = store.replay(service, filter(ctx),
                        "true".equals(ctx.queryParam("again")), "true".equals(ctx.queryParam("dryRun")), done -> { });
                ctx.json(Map.of("replayed", result.replayed(), "skipped", result.skipped(),
                        "dryRun", "true".equals(ctx.queryParam("dryRun"))));
            }
        });
        config.routes.exception(IllegalArgumentException.class, (e, ctx) -> ctx.status(400).json(Map.of("error", e.getMessage())));
    }

    /** Answers 401 and skips the route unless the request carries {@code Authorization: Bearer <token>}. */
    void authorize(Context ctx) {
        String header = ctx.header("Authorization");
        if (!accepts(header != null && header.startsWith("Bearer ") ? header.substring(7).trim() : null)) {
            ctx.status(401).json(Map.of("error", "Authorization: Bearer <BRIDGE_ADMIN_TOKEN> required"));
            ctx.skipRemainingHandlers();
        }
    }

    /** Whether {@code given} is the admin token, compared in constant time. */
    boolean accepts(String given) {
        return given != null && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), token);
    }

    private static String service(Context ctx) {
        String service = ctx.pathParam("service");
        if (!Topics.SERVICES_WITH_DLQ.contains(service)) {
            ctx.status(404).json(Map.of("error", "unknown service '" + service + "'; one of " + Topics.SERVICES_WITH_DLQ));
            return null;
        }
        return service;
    }

    private static DeadLetterFilter filter(Context ctx) {
        return filter(ctx.queryParam("errorClass"), ctx.queryParam("since"), ctx.queryParam("key"));
    }

    /** The CLI's filters from text, blank meaning any; a bad one is an {@link IllegalArgumentException} naming it. */
    static DeadLetterFilter filter(String errorClass, String since, String key) {
        try {
            return new DeadLetterFilter(blankless(errorClass), blankless(since) == null ? null : Instant.parse(since.trim()),
                    blankless(key));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("since must be an ISO-8601 instant such as 2026-11-20T00:00:00Z");
        }
    }

    private static String blankless(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }

    DeadLetterStore store() {
        return store;
    }
}
