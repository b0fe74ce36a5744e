package dev.p21bridge.simulators.storefront;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code /sim} control API both storefronts share (docs/contract.md, section 'Simulators'). {@code /sim/faults}
 * comes from the {@link dev.p21bridge.simulators.faults.FaultInjector}; faults never apply here. Errors are
 * {@code {"error": "..."}}.
 */
final class SimControlRoutes {

    private SimControlRoutes() {
    }

    static void install(JavalinConfig cfg, StorefrontSimulator sim) {
        cfg.routes.get("/sim/products/{sku}", ctx -> sim.product(ctx.pathParam("sku")).ifPresentOrElse(
                product -> {
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("sku", product.sku());
                    body.put("amount", product.amount());
                    body.put("price", product.price().toPlainString());
                    if (product.description() != null) {
                        body.put("description", product.description());
                    }
                    ctx.json(body);
                },
                () -> notFound(ctx, "no product with sku " + ctx.pathParam("sku").strip())));
        cfg.routes.get("/sim/orders/{id}", ctx -> sim.order(ctx.pathParam("id")).ifPresentOrElse(
                order -> {
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("id", order.id());
                    body.put("status", order.status());
                    body.put("tracking_numbers", order.trackingNumbers());
                    body.put("cancelled", sim.cancelled(order.order()));
                    if (order.order().risk().pattern() != null) {
                        body.put("risk_pattern", order.order().risk().pattern().word());
                    }
                    CashControlRoutes.addCash(body, order.order(), sim);
                    ctx.json(body);
                },
                () -> notFound(ctx, "no order " + ctx.pathParam("id"))));
        cfg.routes.get("/sim/customers/{email}", ctx -> sim.customer(ctx.pathParam("email")).ifPresentOrElse(
                customer -> ctx.json(customerJson(customer, sim.customerUpdates().deliveries(customer.email()))),
                () -> notFound(ctx, "no customer with that e-mail")));
        cfg.routes.get("/sim/calls", ctx -> ctx.json(sim.calls().counts()));
        cfg.routes.post("/sim/checkout", ctx -> checkout(ctx, sim));
        cfg.routes.post("/sim/orders/{id}/update", ctx -> updateOrder(ctx, sim));
        cfg.routes.post("/sim/orders/{id}/cancel", ctx -> changeOrder(ctx, () -> sim.cancelOrder(ctx.pathParam("id"))));
        cfg.routes.post("/sim/customers", ctx -> signUp(ctx, sim));
        cfg.routes.get("/sim/webhooks", ctx -> ctx.json(Map.of("enabled", sim.webhooksEnabled())));
        cfg.routes.post("/sim/webhooks", ctx -> switchWebhooks(ctx, sim));
        cfg.routes.post("/sim/reset", ctx -> {
            sim.reset();
            ctx.json(Map.of("reset", true));
        });
    }

    /** {@code {"enabled": false|true}}: a store without webhooks is found only through its order list. */
    private static void switchWebhooks(Context ctx, StorefrontSimulator sim) {
        JsonNode enabled;
        try {
            enabled = StorefrontJson.mapper().readTree(ctx.bodyAsBytes()).path("enabled");
        } catch (IOException e) {
            ctx.status(400).json(Map.of("error", "body is not JSON"));
            return;
        }
        if (!enabled.isBoolean()) {
            ctx.status(400).json(Map.of("error", "enabled must be true or false, e.g. {\"enabled\": false}"));
            return;
        }
        sim.webhooksEnabled(enabled.asBoolean());
        ctx.json(Map.of("enabled", sim.webhooksEnabled()));
    }

    /** {@code {"lines":[{"sku","qty"}]}}: the new quantities, by SKU; answers the order as {@code GET} shows it. */
    private static void updateOrder(Context ctx, StorefrontSimulator sim) {
        Map<String, Integer> quantities = new LinkedHashMap<>();
        try {
            JsonNode lines = StorefrontJson.mapper().readTree(ctx.bodyAsBytes()).path("lines");
            if (!lines.isArray() || lines.isEmpty()) {
                ctx.status(400).json(Map.of("error", "lines must be a non-empty array of {\"sku\", \"qty\"}"));
                return;
            }
            for (JsonNode line : lines) {
                if (!line.path("sku").isTextual() || !line.path("qty").canConvertToInt()) {
                    ctx.status(400).json(Map.of("error", "every line needs a text sku and a whole qty"));
                    return;
                }
                quantities.put(ProductView.canonicalSku(line.path("sku").asText()), line.path("qty").asInt());
            }
        } catch (IOException e) {
            ctx.status(400).json(Map.of("error", "body is not JSON"));
            return;
        }
        changeOrder(ctx, () -> sim.updateOrder(ctx.pathParam("id"), quantities));
    }

    private static void changeOrder(Context ctx, java.util.function.Supplier<Order> change) {
        try {
            Order order = change.get();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("id", order.id());
            body.put("status", order.status());
            body.put("total", order.total().toPlainString());
            ctx.json(body);
        } catch (StorefrontSimulator.OrderChangeRefused e) {
            if (e.notFound()) {
                notFound(ctx, e.getMessage());
            } else {
                ctx.status(400).json(Map.of("error", e.getMessage()));
            }
        }
    }

    private static void checkout(Context ctx, StorefrontSimulator sim) {
        CheckoutRequest request;
        String email;
        try {
            JsonNode body = StorefrontJson.mapper().readTree(ctx.bodyAsBytes());
            request = CheckoutRequest.fromJson(body);
            email = body.path("email").isTextual() ? body.path("email").asText() : null;
            if (email != null && request.riskShare() > 0) {
                throw new IllegalArgumentException("risk cannot be combined with email: risky orders have new buyers");
            }
        } catch (IOException e) {
            ctx.status(400).json(Map.of("error", "body is not JSON"));
            return;
        } catch (IllegalArgumentException e) {
            ctx.status(400).json(Map.of("error", e.getMessage()));
            return;
        }
        CheckoutResult result;
        try {
            if (email == null) {
                result = sim.checkoutWithReport(request);
            } else {
                Optional<CheckoutResult> by = sim.checkoutBy(email, request);
                if (by.isEmpty()) {
                    notFound(ctx, "no customer with that e-mail; sign them up first (POST /sim/customers)");
                    return;
                }
                result = by.get();
            }
        } catch (IllegalArgumentException e) {
            ctx.status(400).json(Map.of("error", e.getMessage()));
            return;
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("orders", result.orders());
        answer.put("webhooks", Map.of("delivered", result.delivered(), "failed", result.failed()));
        answer.put("refused", result.refused());
        if (request.riskShare() > 0) {
            Map<String, String> risky = new LinkedHashMap<>();
            result.risky().forEach((id, pattern) -> risky.put(id, pattern.word()));
            answer.put("risky", risky);
        }
        ctx.json(answer);
    }

    /**
     * {@code POST /sim/customers}: signs a customer up and sends {@code customer.created}; 409 when the e-mail is
     * taken. Answers the customer as {@code GET /sim/customers/{email}} does, with the webhook's outcome.
     */
    private static void signUp(Context ctx, StorefrontSimulator sim) {
        SignUpRequest request;
        try {
            request = SignUpRequest.fromJson(StorefrontJson.mapper().readTree(ctx.bodyAsBytes()));
        } catch (IOException e) {
            ctx.status(400).json(Map.of("error", "body is not JSON"));
            return;
        } catch (IllegalArgumentException e) {
            ctx.status(400).json(Map.of("error", e.getMessage()));
            return;
        }
        sim.signUp(request).ifPresentOrElse(signedUp -> {
            Map<String, Object> answer = customerJson(signedUp.customer(), new CustomerUpdates.Deliveries(0, 0, 0));
            answer.put("webhooks", Map.of("delivered", signedUp.delivered(), "failed", signedUp.failed()));
            ctx.status(201).json(answer);
        }, () -> ctx.status(409).json(Map.of("error", "a customer with that e-mail exists")));
    }

    /**
     * The customer as the store keeps it, {@code updates} (API changes received) and the outcome of the
     * {@code customer.updated} webhooks those changes sent.
     */
    private static Map<String, Object> customerJson(StorefrontCustomer c, CustomerUpdates.Deliveries deliveries) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("email", c.email());
        json.put("profile_id", c.profileId());
        json.put("customer_id", c.customerId());
        json.put("first_name", c.firstName());
        json.put("last_name", c.lastName());
        json.put("company", c.company());
        json.put("phone", c.phone());
        json.put("billing_address", c.billing());
        json.put("shipping_address", c.shipping());
        json.put("updated", c.updated().toString());
        json.put("updates", c.updates());
        json.put("webhooks", deliveries);
        return json;
    }

    private static void notFound(Context ctx, String message) {
        ctx.status(404).json(Map.of("error", message));
    }
}
