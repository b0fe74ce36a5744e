package dev.p21bridge.app.console;

import dev.p21bridge.app.holds.HoldBook;
import dev.p21bridge.app.holds.HoldDecisions;
import dev.p21bridge.app.holds.HoldView;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.Map;

/**
 * The holds for scripts (bearer token; docs/risk.md, "Holds"):
 * <pre>
 *   GET  /api/holds                    the orders held or decided and not yet applied, oldest first
 *   POST /api/holds/{key}/approve      200 with the hold; 400 a malformed key, 404 no such hold, 409 not held now
 *   POST /api/holds/{key}/reject       the same
 * </pre>
 */
final class HoldsApi {

    private final HoldBook book;
    private final HoldDecisions decisions;
    private final AdminApi admin;
    private final Clock clock;

    HoldsApi(HoldBook book, HoldDecisions decisions, AdminApi admin, Clock clock) {
        this.book = book;
        this.decisions = decisions;
        this.admin = admin;
        this.clock = clock;
    }

    void install(JavalinConfig config) {
        config.routes.before("/api/holds", admin::authorize);
        config.routes.before("/api/holds/*", admin::authorize);
        config.routes.get("/api/holds", ctx -> ctx.json(book.open().stream()
                .map(hold -> HoldView.of(hold, clock.instant())).toList()));
        config.routes.post("/api/holds/{key}/approve", ctx -> decide(ctx, true));
        config.routes.post("/api/holds/{key}/reject", ctx -> decide(ctx, false));
    }

    private void decide(Context ctx, boolean approve) {
        String key = ctx.pathParam("key");
        HoldDecisions.Outcome outcome;
        try {
            outcome = approve ? decisions.approve(key, "api") : decisions.reject(key, "api");
        } catch (IllegalArgumentException e) {
            ctx.status(400).json(Map.of("error", e.getMessage()));
            return;
        }
        if (outcome instanceof HoldDecisions.Outcome.Decided decided) {
            ctx.json(HoldView.of(decided.hold(), clock.instant()));
        } else if (outcome instanceof HoldDecisions.Outcome.NotFound notFound) {
            ctx.status(404).json(Map.of("error", notFound.message()));
        } else {
            ctx.status(409).json(Map.of("error", ((HoldDecisions.Outcome.NotHeld) outcome).message()));
        }
    }
}
