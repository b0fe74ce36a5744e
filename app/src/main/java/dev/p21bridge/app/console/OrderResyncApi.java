package dev.p21bridge.app.console;

import dev.p21bridge.app.resync.OrderResync;
import dev.p21bridge.app.resync.ResyncOutcome;
import dev.p21bridge.platform.topics.Topics;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code POST /api/orders/{key}/resync} behind the admin token: the same {@link OrderResync} as
 * {@code ./bridge resync order} (docs/operations.md, 'Tracing an order'). 202 with where the record went; 400 for a
 * malformed key; 404 when canonical.orders holds no record of the key; 409 while the p21-sink has not processed the
 * latest record yet; 503 while the trace index is loading or Kafka does not answer.
 */
final class OrderResyncApi {

    private final OrderResync resync;

    OrderResyncApi(OrderResync resync) {
        this.resync = resync;
    }

    void install(JavalinConfig config) {
        config.routes.post("/api/orders/{key}/resync", this::resync);
    }

    private void resync(Context ctx) {
        ResyncOutcome outcome;
        try {
            outcome = resync.resend(ctx.pathParam("key"));
        } catch (IllegalArgumentException e) {
            ctx.status(400).json(Map.of("error", e.getMessage()));
            return;
        } catch (IllegalStateException e) {
            ctx.status(503).header("Retry-After", "5").json(Map.of("error", e.getMessage()));
            return;
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("orderKey", outcome.orderKey());
        answer.put("message", outcome.message());
        if (outcome instanceof ResyncOutcome.Resent resent) {
            answer.put("sourceTopic", Topics.CANONICAL_ORDERS.name());
            answer.put("partition", resent.partition());
            answer.put("sourceOffset", resent.sourceOffset());
            answer.put("topic", Topics.RESYNC_ORDERS.name());
            answer.put("offset", resent.offset());
            ctx.status(202).json(answer);
        } else {
            ctx.status(outcome instanceof ResyncOutcome.Pending ? 409 : 404).json(Map.of("error", outcome.message()));
        }
    }
}
