package dev.p21bridge.app.console;

import dev.p21bridge.app.holds.HoldBook;
import dev.p21bridge.app.holds.HoldDecisions;
import dev.p21bridge.app.holds.HoldView;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The Holds page: the orders held for review with their score, reasons (e-mails masked) and age, and for each an
 * approve and a reject button that lead to a confirmation page first, as a replay of dead letters does. The decision
 * is {@link HoldDecisions}', as the CLI's and the API's; the layout's forms carry the session's CSRF token.
 * <pre>
 *   GET  /holds
 *   POST /holds/confirm   (key, decision)   the confirmation page
 *   POST /holds/decide    (key, decision)   then back to the list, saying what happened
 * </pre>
 */
final class HoldsPage {

    private static final Set<String> DECISIONS = Set.of("approve", "reject");

    private final HoldBook book;
    private final HoldDecisions decisions;
    private final ConsoleLogin login;
    private final Clock clock;

    HoldsPage(HoldBook book, HoldDecisions decisions, ConsoleLogin login, Clock clock) {
        this.book = book;
        this.decisions = decisions;
        this.login = login;
        this.clock = clock;
    }

    void install(JavalinConfig config) {
        config.routes.get("/holds", this::list);
        config.routes.post("/holds/confirm", this::confirm);
        config.routes.post("/holds/decide", this::decide);
    }

    private void list(Context ctx) {
        ConsoleSessions.Session session = login.require(ctx);
        if (session == null) {
            return;
        }
        Map<String, Object> params = new HashMap<>();
        params.put("holds", book.open().stream().map(hold -> HoldView.of(hold, clock.instant())).toList());
        params.put("notice", ctx.queryParam("notice"));
        params.put("error", ctx.queryParam("error"));
        ctx.html(ConsoleLogin.page(session, "Holds", "/holds", "holds.jte", params));
    }

    private void confirm(Context ctx) {
        ConsoleSessions.Session session = login.require(ctx);
        if (session == null) {
            return;
        }
        String key = ctx.formParam("key");
        String decision = ctx.formParam("decision");
        if (!DECISIONS.contains(decision)) {
            ctx.status(HttpStatus.BAD_REQUEST).html(ConsoleLogin.page(session, "Holds", "/holds", "html-page.jte",
                    Map.of("html", "<p class=error>The decision must be approve or reject.</p>")));
            return;
        }
        HoldView hold = book.find(key).map(found -> HoldView.of(found, clock.instant())).orElse(null);
        Map<String, Object> params = new HashMap<>();
        params.put("hold", hold);
        params.put("key", key == null ? "" : key);
        params.put("decision", decision);
        ctx.html(ConsoleLogin.page(session, ("approve".equals(decision) ? "Approve " : "Reject ") + key + "?",
                "/holds", "holds-confirm.jte", params));
    }

    private void decide(Context ctx) {
        if (login.require(ctx) == null) {
            return;
        }
        String key = ctx.formParam("key");
        String decision = ctx.formParam("decision");
        String back;
        try {
            if (!DECISIONS.contains(decision)) {
                throw new IllegalArgumentException("decision must be approve or reject");
            }
            HoldDecisions.Outcome outcome = "approve".equals(decision) ? decisions.approve(key, "console")
                    : decisions.reject(key, "console");
            back = outcome instanceof HoldDecisions.Outcome.Decided
                    ? "notice=" + encode(key + ("approve".equals(decision) ? " approved: the p21-sink releases it in P21."
                    : " rejected: the p21-sink cancels it in P21 and in the store."))
                    : "error=" + encode(outcome instanceof HoldDecisions.Outcome.NotFound notFound ? notFound.message()
                    : ((HoldDecisions.Outcome.NotHeld) outcome).message());
        } catch (IllegalArgumentException e) {
            back = "error=" + encode(e.getMessage());
        }
        ctx.redirect("/holds?" + back, HttpStatus.SEE_OTHER);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
