package dev.p21bridge.app.console;

import dev.p21bridge.app.resync.OrderResync;
import dev.p21bridge.app.trace.OrderTracer;
import dev.p21bridge.app.trace.TraceAnswer;
import dev.p21bridge.app.trace.TraceQuery;
import dev.p21bridge.platform.logging.PersonalData;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The Trace page: the same tracer as {@code GET /api/trace} ({@link TraceApi}), for people. Several orders matched
 * are a list (e-mails masked), each linking to its own page; one order is its path oldest first, its P21 order
 * number, its state in P21 and the storefront and, on that page only, the buyer's e-mail in full. "Re-sync this
 * order" goes through a confirmation page to a CSRF-checked POST ({@link ConsoleLogin}) and the same
 * {@link OrderResync} as {@code ./bridge resync order}.
 * <pre>
 *   GET  /trace?q=&lt;order key | e-mail | P21 order no&gt;
 *   GET  /trace/resync?key=    the confirmation page
 *   POST /trace/resync (key)   the order's page, saying what happened
 * </pre>
 */
final class TracePage {

    private final OrderTracer tracer;
    private final OrderResync resync;
    private final ConsoleLogin login;

    /** @param resync null when this console cannot re-sync: the button is not shown */
    TracePage(OrderTracer tracer, OrderResync resync, ConsoleLogin login) {
        this.tracer = tracer;
        this.resync = resync;
        this.login = login;
    }

    void install(JavalinConfig config) {
        config.routes.get("/trace", this::trace);
        if (resync != null) {
            config.routes.get("/trace/resync", this::confirm);
            config.routes.post("/trace/resync", this::resync);
        }
    }

    private void trace(Context ctx) {
        ConsoleSessions.Session session = login.require(ctx);
        if (session != null) {
            show(ctx, session, ctx.queryParam("q"), null);
        }
    }

    /** The page for {@code q} (none: the empty search form), with {@code notice} above it when given. */
    private void show(Context ctx, ConsoleSessions.Session session, String q, String notice) {
        Map<String, Object> params = new HashMap<>();
        params.put("q", q == null ? "" : q);
        params.put("error", null);
        params.put("notice", notice);
        params.put("matches", List.of());
        params.put("order", null);
        params.put("resync", resync != null);
        if (q != null) {
            search(ctx, q, params);
        }
        ctx.html(ConsoleLogin.page(session, "Trace", "/trace", "trace.jte", params));
    }

    private void search(Context ctx, String q, Map<String, Object> params) {
        TraceQuery query;
        try {
            query = TraceQuery.parse(q);
        } catch (IllegalArgumentException e) {
            ctx.status(HttpStatus.BAD_REQUEST);
            params.put("error", "Search: " + e.getMessage().replaceFirst("^q ", "the search "));
            return;
        }
        TraceAnswer answer;
        try {
            answer = tracer.trace(query);
        } catch (IllegalStateException e) {
            ctx.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "5");
            params.put("error", e.getMessage());
            return;
        }
        if (answer.matches().isEmpty()) {
            ctx.status(HttpStatus.NOT_FOUND);
            params.put("error", "No order found for " + answer.queryKind() + " " + (query.kind() == TraceQuery.Kind.EMAIL
                    ? PersonalData.maskEmail(query.value()) : query.value())
                    + " (the index keeps what the topics still hold: 7 to 30 days).");
            return;
        }
        if (answer.matches().size() == 1 && !answer.traced().isEmpty()) {
            params.put("order", OrderView.of(answer.traced().get(0)));
        } else {
            params.put("matches", answer.matches());
        }
    }

    private void confirm(Context ctx) {
        ConsoleSessions.Session session = login.require(ctx);
        if (session == null) {
            return;
        }
        String key = ctx.queryParam("key");
        Map<String, Object> params = new HashMap<>();
        try {
            params.put("key", OrderResync.checkKey(key));
        } catch (IllegalArgumentException e) {
            ctx.status(HttpStatus.BAD_REQUEST).html(ConsoleLogin.page(session, "Re-sync", "/trace", "html-page.jte",
                    Map.of("html", "<p class=error id=error>" + Html.escape(e.getMessage()) + "</p>")));
            return;
        }
        ctx.html(ConsoleLogin.page(session, "Re-sync " + params.get("key") + "?", "/trace", "trace-resync.jte", params));
    }

    /** Answers with the order's page and what became of the re-sync above it (a reload re-syncs again: harmless). */
    private void resync(Context ctx) {
        ConsoleSessions.Session session = login.require(ctx);
        if (session == null) {
            return;
        }
        String key = ctx.formParam("key");
        String message;
        try {
            message = resync.resend(key).message();
        } catch (IllegalArgumentException | IllegalStateException e) {
            message = "not re-sent: " + e.getMessage();
        }
        show(ctx, session, key == null ? "" : key.strip(), capitalised(message));
    }

    private static String capitalised(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1) + ".";
    }
}
