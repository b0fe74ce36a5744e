package dev.p21bridge.app.console;

import dev.p21bridge.app.trace.OrderTracer;
import dev.p21bridge.app.trace.TraceAnswer;
import dev.p21bridge.app.trace.TraceQuery;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.util.Map;

/**
 * {@code GET /api/trace?q=<order key | e-mail | P21 order no>} behind the admin token (docs/contract.md, section 'Ops
 * console'): the orders matched, e-mails masked, and each one's path oldest first with its state in P21 and the
 * storefront ({@link TraceAnswer}). A bad {@code q} is a 400 naming the problem; nothing found a 404; an index still
 * loading after a start a 503.
 */
public final class TraceApi {

    private final OrderTracer tracer;
    private final AdminApi admin;

    public TraceApi(OrderTracer tracer, AdminApi admin) {
        this.tracer = tracer;
        this.admin = admin;
    }

    /** The tracer the Trace page shares, so page and API answer alike. */
    OrderTracer tracer() {
        return tracer;
    }

    void install(JavalinConfig config) {
        config.routes.before("/api/trace", admin::authorize);
        config.routes.get("/api/trace", this::trace);
    }

    private void trace(Context ctx) {
        TraceQuery query;
        try {
            query = TraceQuery.parse(ctx.queryParam("q"));
        } catch (IllegalArgumentException e) {
            ctx.status(400).json(Map.of("error", e.getMessage()));
            return;
        }
        TraceAnswer answer;
        try {
            answer = tracer.trace(query);
        } catch (IllegalStateException e) {
            ctx.status(503).header("Retry-After", "5").json(Map.of("error", e.getMessage()));
            return;
        }
        if (answer.matches().isEmpty()) {
            ctx.status(404).json(Map.of("error", "no order found for " + answer.queryKind() + " " + shown(query)
                    + " in the topics (the trace index keeps what the topics still hold)"));
            return;
        }
        ctx.json(answer);
    }

    /** The query as an answer may repeat it: an e-mail masked, since a 404 may be logged. */
    private static String shown(TraceQuery query) {
        return query.kind() == TraceQuery.Kind.EMAIL
                ? dev.p21bridge.platform.logging.PersonalData.maskEmail(query.value()) : query.value();
    }
}
