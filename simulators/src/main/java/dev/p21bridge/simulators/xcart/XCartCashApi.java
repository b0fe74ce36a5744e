package dev.p21bridge.simulators.xcart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.p21bridge.simulators.storefront.CallLog;
import dev.p21bridge.simulators.storefront.CashDesk;
import dev.p21bridge.simulators.storefront.Order;
import dev.p21bridge.simulators.storefront.OrderDetail;
import dev.p21bridge.simulators.storefront.StorefrontSimulator.OrderChangeRefused;
import dev.p21bridge.simulators.storefront.StorefrontState;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * The X-Cart routes the bridge writes cash and returns back with, behind the same {@code X-Auth-Token} as
 * {@link XCartApi}. <b>Inferred</b>: X-Cart 5.5 documents its order return and order detail resources but not these
 * write routes' exact shapes.
 *
 * <ul>
 *   <li>{@code PUT /api/orders/{id}/returns/{return_id}} {@code {"status": "R", "refund_value": 49.90}} refunds the
 *       return (a refund transaction and a {@code payment.captured} of type {@code refund}); the same call again
 *       answers the same and changes nothing.</li>
 *   <li>{@code POST /api/orders/{id}/details} {@code {"name", "label", "value"}} adds the detail, or replaces the one
 *       of that name (201 when new, else 200); {@code GET /api/orders/{id}} shows them in {@code details}.</li>
 * </ul>
 */
final class XCartCashApi {

    private final StorefrontState state;
    private final CashDesk cash;
    private final XCartOrderGenerator generator;
    private final CallLog calls;

    XCartCashApi(StorefrontState state, CashDesk cash, XCartOrderGenerator generator, CallLog calls) {
        this.state = state;
        this.cash = cash;
        this.generator = generator;
        this.calls = calls;
    }

    /** Call after {@link XCartApi#install}, whose {@code before} handler authenticates every {@code /api} route. */
    void install(JavalinConfig cfg) {
        cfg.routes.put("/api/orders/{id}/returns/{return_id}", this::putReturn);
        cfg.routes.post("/api/orders/{id}/details", this::postDetail);
    }

    private void putReturn(Context ctx) {
        String id = ctx.pathParam("id");
        String returnId = ctx.pathParam("return_id");
        Optional<JsonNode> body = XCartApi.body(ctx);
        calls.order(id, "returns/" + returnId + "=" + body.map(json -> json.path("status").asText("")).orElse("?"));
        if (body.isEmpty()) {
            return;
        }
        if (!body.get().path("status").asText("").equals("R")) {
            XCartApi.fail(ctx, 400, "status: only R (refunded) can be set on a return");
            return;
        }
        JsonNode value = body.get().path("refund_value");
        BigDecimal amount = CashDesk.amount(value);
        if (amount == null) {
            XCartApi.fail(ctx, 400, "refund_value: This value should be a number greater than 0.");
            return;
        }
        try {
            CashDesk.Refunded refunded = cash.refund(id, returnId, amount);
            ObjectNode json = generator.returnJson(refunded.order(), refunded.refunded());
            json.put("refund_value", XCartOrderGenerator.money(refunded.refunded().refunded()));
            ctx.json(json);
        } catch (OrderChangeRefused e) {
            XCartApi.fail(ctx, e.status(), e.notFound() ? "Not Found" : e.getMessage());
        }
    }

    private void postDetail(Context ctx) {
        String id = ctx.pathParam("id");
        Optional<JsonNode> body = XCartApi.body(ctx);
        calls.order(id, "details=" + body.map(json -> json.path("name").asText("")).orElse("?"));
        if (body.isEmpty()) {
            return;
        }
        JsonNode name = body.get().path("name");
        JsonNode value = body.get().path("value");
        JsonNode label = body.get().path("label");
        if (!name.isTextual() || name.asText().isBlank() || name.asText().length() > 255) {
            XCartApi.fail(ctx, 400, "name: This value should be a string of 1 to 255 characters.");
            return;
        }
        if (!value.isTextual() || (!label.isMissingNode() && !label.isNull() && !label.isTextual())) {
            XCartApi.fail(ctx, 400, "value and label: This value should be of type string.");
            return;
        }
        Optional<Order> before = state.order(id);
        if (before.isEmpty()) {
            XCartApi.fail(ctx, 404, "Not Found");
            return;
        }
        OrderDetail detail = new OrderDetail(name.asText().strip(),
                label.isTextual() ? label.asText() : name.asText().strip(), value.asText());
        boolean known = before.get().cash().details().stream().anyMatch(d -> d.name().equals(detail.name()));
        try {
            cash.putDetail(id, detail);
            ctx.status(known ? 200 : 201).json(detailResource(detail));
        } catch (OrderChangeRefused e) {
            XCartApi.fail(ctx, 404, "Not Found");
        }
    }

    static ObjectNode detailResource(OrderDetail detail) {
        ObjectNode json = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        return json.put("name", detail.name()).put("label", detail.label()).put("value", detail.value());
    }
}
