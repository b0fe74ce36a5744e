package dev.p21bridge.storefront;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Clarity stand-in with the simulator's shapes ({@code sandbox/.../clarity/ClarityApi}): {@code Authorization:
 * Bearer}, every answer the {@code {ActionSucceeded, Messages, Result}} envelope, {@code PATCH
 * /API-Storefront/Ordering/SalesOrder/Ship/{ID}} with {@code TrackingNumbers} and {@code Carrier}, stock and price
 * PATCHes by SKU. A Voided order refuses changes with 400.
 */
final class StubClarity extends StubStorefront {

    static final String TOKEN = "clarity-test-token";
    private static final String BASE = "/API-Storefront";

    @Override
    void routes(JavalinConfig cfg) {
        cfg.routes.before(BASE + "/*", ctx -> {
            if (!("Bearer " + TOKEN).equals(ctx.header("Authorization"))) {
                fail(ctx, 401, "Unauthorized: a valid bearer token is required");
                ctx.skipRemainingHandlers();
            }
        });
        cfg.routes.get(BASE + "/Ordering/SalesOrder/{ID}", ctx -> withOrder(ctx, order -> succeed(ctx, orderJson(order))));
        cfg.routes.patch(BASE + "/Ordering/SalesOrder/{action}/{ID}", ctx -> withOrder(ctx, order -> {
            if (!ctx.pathParam("action").equals("Ship")) {
                fail(ctx, 404, "Unknown sales order operation " + ctx.pathParam("action"));
                return;
            }
            if (order.status.equals("Voided")) {
                fail(ctx, 400, "Sales order " + ctx.pathParam("ID") + " is Voided and cannot be changed");
                return;
            }
            JsonNode body = body(ctx);
            if (change(ctx, () -> {
                order.status = "Shipped";
                synchronized (order.tracking) {
                    body.path("TrackingNumbers").forEach(t -> {
                        if (!order.tracking.contains(t.asText())) {
                            order.tracking.add(t.asText());
                        }
                    });
                }
                if (body.path("Carrier").isTextual()) {
                    order.carrier = body.path("Carrier").asText();
                }
            })) {
                succeed(ctx, orderJson(order));
            }
        }));
        cfg.routes.get(BASE + "/Products/Product/BySKU/{SKU}", ctx -> withProduct(ctx, product -> succeed(ctx,
                Map.of("SKU", product.sku, "QuantityAvailable", product.amount))));
        cfg.routes.patch(BASE + "/Inventory/Product/BySKU/{SKU}", ctx -> withProduct(ctx, product -> {
            JsonNode quantity = body(ctx).path("QuantityAvailable");
            if (!quantity.isIntegralNumber() || quantity.asLong() < 0) {
                fail(ctx, 400, "QuantityAvailable must be a whole number of at least 0");
            } else if (change(ctx, () -> product.amount = quantity.asLong())) {
                succeed(ctx, Map.of("SKU", product.sku, "QuantityAvailable", product.amount));
            }
        }));
        cfg.routes.patch(BASE + "/Pricing/Product/BySKU/{SKU}", ctx -> withProduct(ctx, product -> {
            JsonNode price = body(ctx).path("Price");
            if (!price.isTextual()) {
                fail(ctx, 400, "Price must be a decimal amount of at least 0, e.g. \"12.34\"");
            } else if (change(ctx, () -> product.price = new BigDecimal(price.asText()))) {
                succeed(ctx, Map.of("SKU", product.sku, "Price", product.price.toPlainString()));
            }
        }));
    }

    long stockCalls(String sku) {
        String path = BASE + "/Inventory/Product/BySKU/" + sku;
        return calls(c -> c.method().equals("PATCH") && c.path().equals(path)).size();
    }

    private void withOrder(Context ctx, java.util.function.Consumer<Order> then) {
        Optional.ofNullable(orders.get(ctx.pathParam("ID"))).ifPresentOrElse(then,
                () -> fail(ctx, 404, "Sales order " + ctx.pathParam("ID") + " not found"));
    }

    private void withProduct(Context ctx, java.util.function.Consumer<Product> then) {
        Optional.ofNullable(products.get(ctx.pathParam("SKU"))).ifPresentOrElse(then,
                () -> fail(ctx, 404, "Product with SKU " + ctx.pathParam("SKU") + " not found"));
    }

    private static ObjectNode orderJson(Order order) {
        ObjectNode json = JSON.createObjectNode().put("status", order.status).put("carrier", order.carrier);
        synchronized (order.tracking) {
            json.set("trackingNumbers", JSON.valueToTree(List.copyOf(order.tracking)));
        }
        return json;
    }

    private static void succeed(Context ctx, Object result) {
        ctx.json(envelope(true, List.of(), result));
    }

    private static void fail(Context ctx, int status, String message) {
        ctx.status(status).json(envelope(false, List.of(message), null));
    }

    private static Map<String, Object> envelope(boolean succeeded, List<String> messages, Object result) {
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("ActionSucceeded", succeeded);
        envelope.put("Messages", messages);
        envelope.put("Result", result);
        return envelope;
    }

    @Override
    String authHeader(Context ctx) {
        return ctx.header("Authorization");
    }

    @Override
    String failureBody(int status, String message) {
        return "{\"ActionSucceeded\":false,\"Messages\":[\"" + message + "\"],\"Result\":null}";
    }
}
