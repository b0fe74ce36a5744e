package dev.p21bridge.storefront;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An X-Cart 5.5 stand-in with the simulator's shapes ({@code sandbox/.../xcart/XCartApi}): {@code X-Auth-Token},
 * {@code {"message"}} errors, products paged by {@code page}/{@code itemsPerPage} (at most 100), {@code amount} a
 * whole number and {@code price} a JSON number, shipping status codes N/P/S/D/WND/R, tracking numbers posted one by
 * one. An order whose id starts with {@code refuse} answers 400 to a shipping status change.
 */
final class StubXCart extends StubStorefront {

    static final String TOKEN = "xcart-test-token";
    private static final Set<String> CODES = Set.of("N", "P", "S", "D", "WND", "R");

    @Override
    void routes(JavalinConfig cfg) {
        cfg.routes.before("/api/*", ctx -> {
            if (!TOKEN.equals(ctx.header("X-Auth-Token"))) {
                fail(ctx, 401, "Invalid API token");
                ctx.skipRemainingHandlers();
            }
        });
        cfg.routes.get("/api/orders/{id}", ctx -> withOrder(ctx, order -> ctx.json(orderJson(ctx.pathParam("id"), order))));
        cfg.routes.put("/api/orders/{id}/shipping_status", ctx -> withOrder(ctx, order -> {
            String code = body(ctx).path("code").asText("");
            if (!CODES.contains(code) || ctx.pathParam("id").startsWith("refuse")) {
                fail(ctx, 400, "Invalid shipping status code '" + code + "' for this order");
            } else if (change(ctx, () -> order.status = code)) {
                ctx.json(Map.of("code", code));
            }
        }));
        cfg.routes.post("/api/orders/{id}/tracking_numbers", ctx -> withOrder(ctx, order -> {
            String value = body(ctx).path("value").asText("").strip();
            if (value.isEmpty()) {
                fail(ctx, 400, "value must be a tracking number of 1 to 255 characters");
            } else if (change(ctx, () -> {
                synchronized (order.tracking) {
                    if (!order.tracking.contains(value)) {
                        order.tracking.add(value);
                    }
                }
            })) {
                ctx.status(201).json(Map.of("value", value));
            }
        }));
        cfg.routes.get("/api/products", ctx -> {
            int page = Integer.parseInt(ctx.queryParamAsClass("page", String.class).getOrDefault("1"));
            int size = Math.min(100, Integer.parseInt(ctx.queryParamAsClass("itemsPerPage", String.class).getOrDefault("30")));
            List<Product> all = productsById.values().stream().sorted(Comparator.comparingInt(p -> p.id)).toList();
            int from = Math.min((page - 1) * size, all.size());
            ArrayNode list = JSON.createArrayNode();
            all.subList(from, Math.min(from + size, all.size())).forEach(p -> list.add(productJson(p)));
            ctx.json(list);
        });
        cfg.routes.get("/api/products/{id}", ctx -> {
            Product product = productsById.get(Integer.parseInt(ctx.pathParam("id")));
            if (product == null) {
                fail(ctx, 404, "Not Found");
            } else {
                ctx.json(productJson(product));
            }
        });
        cfg.routes.put("/api/products/{id}", ctx -> {
            Product product = productsById.get(Integer.parseInt(ctx.pathParam("id")));
            if (product == null) {
                fail(ctx, 404, "Not Found");
                return;
            }
            JsonNode body = body(ctx);
            JsonNode amount = body.path("amount");
            JsonNode price = body.path("price");
            if (!amount.isMissingNode() && !(amount.isIntegralNumber() && amount.asLong() >= 0)
                    || !price.isMissingNode() && !price.isNumber()) {
                fail(ctx, 400, "amount: This value should be a whole number greater than or equal to 0.");
                return;
            }
            if (change(ctx, () -> {
                if (!amount.isMissingNode()) {
                    product.amount = amount.asLong();
                }
                if (!price.isMissingNode()) {
                    product.price = price.decimalValue();
                }
            })) {
                ctx.json(productJson(product));
            }
        });
    }

    long stockCalls(String sku) {
        Product product = products.get(sku);
        String path = "/api/products/" + product.id;
        return calls(c -> c.method().equals("PUT") && c.path().equals(path) && c.body().contains("amount")).size();
    }

    private void withOrder(Context ctx, java.util.function.Consumer<Order> then) {
        Order order = orders.get(ctx.pathParam("id"));
        if (order == null) {
            fail(ctx, 404, "Not Found");
        } else {
            then.accept(order);
        }
    }

    private static ObjectNode orderJson(String id, Order order) {
        ObjectNode json = JSON.createObjectNode().put("id", Long.parseLong(id.replaceAll("\\D", "0")))
                .put("order_number", id);
        json.putObject("shipping_status").put("id", 1).put("code", order.status).put("name", order.status);
        ArrayNode tracking = json.putArray("tracking_numbers");
        synchronized (order.tracking) {
            for (int i = 0; i < order.tracking.size(); i++) {
                tracking.addObject().put("id", i + 1).put("date", 1_700_000_000L).put("value", order.tracking.get(i));
            }
        }
        return json;
    }

    private static ObjectNode productJson(Product product) {
        return JSON.createObjectNode().put("id", product.id).put("sku", product.sku).put("name", product.sku)
                .put("price", product.price).put("amount", product.amount).put("enabled", true);
    }

    private static void fail(Context ctx, int status, String message) {
        ctx.status(status).json(Map.of("message", message));
    }

    @Override
    String authHeader(Context ctx) {
        return ctx.header("X-Auth-Token");
    }

    @Override
    String failureBody(int status, String message) {
        return "{\"message\":\"" + message + "\"}";
    }
}
