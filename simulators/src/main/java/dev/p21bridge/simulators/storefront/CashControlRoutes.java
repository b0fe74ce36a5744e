package dev.p21bridge.simulators.storefront;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code /sim} routes of the money after checkout, both storefronts alike: {@code POST /sim/orders/{id}/capture}
 * and {@code POST /sim/orders/{id}/returns}, and the cash fields of {@code GET /sim/orders/{id}}. Errors are
 * {@code {"error": "..."}}: 404 unknown order, 409 cancelled order, else 400.
 */
final class CashControlRoutes {

    /** The order detail the bridge writes the P21 invoice number to (X-Cart's order details). */
    static final String INVOICE_DETAIL = "p21_invoice_no";

    private CashControlRoutes() {
    }

    static void install(JavalinConfig cfg, StorefrontSimulator sim) {
        cfg.routes.post("/sim/orders/{id}/capture", ctx -> capture(ctx, sim));
        cfg.routes.post("/sim/orders/{id}/returns", ctx -> openReturn(ctx, sim));
    }

    /**
     * The cash fields of the order view: {@code payment_status}, {@code captured_amount}, {@code refunded_amount},
     * {@code payments} (refunds negative), {@code returns} and {@code invoice_no}.
     */
    static void addCash(Map<String, Object> view, Order order, StorefrontSimulator sim) {
        OrderGenerator generator = sim.generator();
        view.put("payment_status", sim.paymentStatus(order));
        view.put("captured_amount", order.captured().toPlainString());
        view.put("refunded_amount", order.refunded().toPlainString());
        List<Map<String, Object>> payments = new ArrayList<>();
        if (order.paidAtCheckout()) {
            payments.add(payment(order.paymentReference(), "sale", order.total()));
        }
        for (PaymentTransaction p : order.cash().payments()) {
            payments.add(payment(generator.transactionId(p.number()), p.word(), p.signedAmount()));
        }
        view.put("payments", payments);
        view.put("returns", order.cash().returns().stream().map(r -> {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("id", generator.returnId(r.number()));
            json.put("status", r.word());
            json.put("refunded_amount", (r.hasRefund() ? r.refunded() : BigDecimal.ZERO.setScale(2)).toPlainString());
            return json;
        }).toList());
        view.put("invoice_no", order.cash().detail(INVOICE_DETAIL));
    }

    private static Map<String, Object> payment(String id, String type, BigDecimal amount) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("transaction_id", id);
        json.put("type", type);
        json.put("amount", amount.toPlainString());
        return json;
    }

    /** {@code {"amount": "12.34"}} or no body: all that is still uncaptured. */
    private static void capture(Context ctx, StorefrontSimulator sim) {
        BigDecimal amount = null;
        if (ctx.bodyAsBytes().length > 0) {
            JsonNode body = json(ctx);
            if (body == null) {
                return;
            }
            JsonNode given = body.path("amount");
            if (!given.isMissingNode() && !given.isNull()) {
                amount = CashDesk.amount(given);
                if (amount == null) {
                    ctx.status(400).json(Map.of("error", "amount must be a decimal like \"12.34\", got " + given));
                    return;
                }
            }
        }
        BigDecimal asked = amount;
        answer(ctx, () -> {
            CashDesk.Captured captured = sim.cash().capture(ctx.pathParam("id"), asked);
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("transaction_id", sim.generator().transactionId(captured.payment().number()));
            json.put("amount", captured.payment().amount().toPlainString());
            json.put("captured_amount", captured.order().captured().toPlainString());
            return json;
        });
    }

    /** {@code {"lines":[{"sku","qty"}], "reason", "comment", "unchecked"}}; answers {@code {"return_id"}}. */
    private static void openReturn(Context ctx, StorefrontSimulator sim) {
        JsonNode body = json(ctx);
        if (body == null) {
            return;
        }
        JsonNode lines = body.path("lines");
        if (!lines.isArray() || lines.isEmpty()) {
            ctx.status(400).json(Map.of("error", "lines must be a non-empty array of {\"sku\", \"qty\"}"));
            return;
        }
        List<CashDesk.ReturnRequest.Line> asked = new ArrayList<>();
        for (JsonNode line : lines) {
            if (!line.path("sku").isTextual() || !line.path("qty").isIntegralNumber()
                    || !line.path("qty").canConvertToInt()) {
                ctx.status(400).json(Map.of("error", "every line needs a text sku and a whole qty"));
                return;
            }
            asked.add(new CashDesk.ReturnRequest.Line(line.path("sku").asText(), line.path("qty").asInt()));
        }
        String reason = body.path("reason").isTextual() ? body.path("reason").asText() : "No reason given";
        String comment = body.path("comment").isTextual() ? body.path("comment").asText() : "";
        CashDesk.ReturnRequest request = new CashDesk.ReturnRequest(asked, reason, comment,
                body.path("unchecked").asBoolean(false));
        answer(ctx, () -> Map.of("return_id", sim.generator().returnId(
                sim.cash().openReturn(ctx.pathParam("id"), request).opened().number())));
    }

    private static void answer(Context ctx, java.util.function.Supplier<Map<String, Object>> change) {
        try {
            ctx.json(change.get());
        } catch (StorefrontSimulator.OrderChangeRefused e) {
            ctx.status(e.status()).json(Map.of("error", e.getMessage()));
        }
    }

    private static JsonNode json(Context ctx) {
        try {
            JsonNode body = StorefrontJson.mapper().readTree(ctx.bodyAsBytes());
            if (body != null && body.isObject()) {
                return body;
            }
        } catch (IOException e) {
            // answered below
        }
        ctx.status(400).json(Map.of("error", "body must be a JSON object"));
        return null;
    }
}
