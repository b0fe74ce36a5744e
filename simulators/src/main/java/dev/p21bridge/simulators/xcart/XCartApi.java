package dev.p21bridge.simulators.xcart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.p21bridge.simulators.storefront.CallLog;
import dev.p21bridge.simulators.storefront.ListTime;
import dev.p21bridge.simulators.storefront.Order;
import dev.p21bridge.simulators.storefront.OrderListQuery;
import dev.p21bridge.simulators.storefront.ProductView;
import dev.p21bridge.simulators.storefront.StorefrontJson;
import dev.p21bridge.simulators.storefront.StorefrontState;
import dev.p21bridge.simulators.storefront.TrackingNumber;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The part of the X-Cart 5.5 REST API ({@code /api}, API Platform) the bridge uses. Every route needs
 * {@code X-Auth-Token}; errors are {@code {"message": "..."}} as X-Cart words them.
 *
 * <p>{@code POST /api/orders/{id}/tracking_numbers} is a <b>simulator extension</b>: X-Cart 5.5's core API only
 * reads tracking numbers. The same value posted twice is kept once (answer 200 instead of 201).
 */
final class XCartApi {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final int DEFAULT_PAGE_SIZE = 30;
    private static final int MAX_PAGE_SIZE = 100;

    private final StorefrontState state;
    private final XCartOrderGenerator generator;
    private final CallLog calls;
    private final byte[] token;

    XCartApi(StorefrontState state, XCartOrderGenerator generator, CallLog calls, String token) {
        this.state = state;
        this.generator = generator;
        this.calls = calls;
        this.token = token.getBytes(StandardCharsets.UTF_8);
    }

    void install(JavalinConfig cfg) {
        cfg.routes.before("/api/*", this::authenticate);
        cfg.routes.get("/api/orders", this::listOrders);
        cfg.routes.get("/api/orders/{id}", ctx -> withOrder(ctx, order -> ctx.json(orderResource(order))));
        cfg.routes.get("/api/orders/{id}/shipping_status",
                ctx -> withOrder(ctx, order -> ctx.json(XCartOrderGenerator.shippingStatus(order.status()))));
        cfg.routes.put("/api/orders/{id}/shipping_status", this::putShippingStatus);
        cfg.routes.post("/api/orders/{id}/tracking_numbers", this::postTrackingNumber);
        cfg.routes.get("/api/products", this::listProducts);
        cfg.routes.get("/api/products/{id}", ctx -> withProduct(ctx, product -> ctx.json(productResource(product))));
        cfg.routes.put("/api/products/{id}", this::putProduct);
    }

    /** {@code {"message": ...}} with the status, X-Cart's error shape; also used for injected faults. */
    static String errorBody(int status) {
        String message = switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Invalid API token";
            case 404 -> "Not Found";
            case 408 -> "Request Timeout";
            case 429 -> "Too Many Requests";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> status >= 500 ? "Internal Server Error" : "Error";
        };
        return "{\"message\":\"" + message + "\"}";
    }

    private void authenticate(Context ctx) {
        String given = ctx.header("X-Auth-Token");
        if (given == null || !MessageDigest.isEqual(token, given.getBytes(StandardCharsets.UTF_8))) {
            fail(ctx, 401, "Invalid API token");
            ctx.skipRemainingHandlers();
        }
    }

    private void putShippingStatus(Context ctx) {
        String id = ctx.pathParam("id");
        Optional<JsonNode> body = body(ctx);
        calls.order(id, "shipping_status=" + body.map(json -> json.path("code").asText("")).orElse("?"));
        if (body.isEmpty()) {
            return;
        }
        String code = body.get().path("code").asText("");
        Optional<XCartShippingStatus> status = XCartShippingStatus.byCode(code);
        if (status.isEmpty()) {
            fail(ctx, 400, "Invalid shipping status code '" + code + "'; expected one of N, P, S, D, WND, R, C");
            return;
        }
        state.setStatus(id, status.get().name()).ifPresentOrElse(
                order -> ctx.json(XCartOrderGenerator.shippingStatus(order.status())),
                () -> fail(ctx, 404, "Not Found"));
    }

    private void postTrackingNumber(Context ctx) {
        String id = ctx.pathParam("id");
        calls.order(id, "tracking_numbers");
        Optional<JsonNode> body = body(ctx);
        if (body.isEmpty()) {
            return;
        }
        String value = body.get().path("value").asText("").strip();
        if (value.isEmpty() || value.length() > 255) {
            fail(ctx, 400, "value must be a tracking number of 1 to 255 characters");
            return;
        }
        boolean known = state.order(id).map(order -> order.trackingNumbers().stream()
                .anyMatch(t -> t.value().equals(value))).orElse(false);
        state.addTracking(id, List.of(value), null).ifPresentOrElse(order -> {
            TrackingNumber added = order.trackingNumbers().stream().filter(t -> t.value().equals(value))
                    .findFirst().orElseThrow();
            ctx.status(known ? 200 : 201).json(trackingResource(added));
        }, () -> fail(ctx, 404, "Not Found"));
    }

    /**
     * {@code GET /api/orders}: API Platform's collection, a JSON array. {@code page} and {@code itemsPerPage} (at most
     * 100), {@code order[date]} or {@code order[lastRenewDate]} ({@code asc}/{@code desc}; default newest created
     * first) and the creation-date filter {@code date[after|before|strictly_after|strictly_before]}. There is no
     * filter on the last change, as in X-Cart 5.5: a poller sorts by it and pages down.
     */
    private void listOrders(Context ctx) {
        Integer page = positive(ctx, "page", 1);
        Integer size = positive(ctx, "itemsPerPage", DEFAULT_PAGE_SIZE);
        if (page == null || size == null) {
            return;
        }
        OrderListQuery query;
        try {
            String byChange = ctx.queryParam("order[lastRenewDate]");
            String byDate = ctx.queryParam("order[date]");
            if (byChange != null && byDate != null) {
                throw new IllegalArgumentException("sort by order[date] or order[lastRenewDate], not both");
            }
            String direction = byChange != null ? byChange : byDate != null ? byDate : "desc";
            if (!direction.equalsIgnoreCase("asc") && !direction.equalsIgnoreCase("desc")) {
                throw new IllegalArgumentException("a sort direction is asc or desc, got '" + direction + "'");
            }
            Instant from = latest(time(ctx, "date[after]", 0), time(ctx, "date[strictly_after]", 1));
            Instant until = earliest(time(ctx, "date[before]", 0), time(ctx, "date[strictly_before]", -1));
            query = new OrderListQuery(byChange != null ? OrderListQuery.SortBy.LAST_CHANGE
                    : OrderListQuery.SortBy.CREATED, direction.equalsIgnoreCase("desc"), from, until, page,
                    Math.min(size, MAX_PAGE_SIZE));
        } catch (IllegalArgumentException e) {
            fail(ctx, 400, e.getMessage());
            return;
        }
        ctx.json(state.listOrders(query).orders().stream().map(this::orderResource).toList());
    }

    /** The time of a date filter, moved by {@code nanos} so a strict bound becomes an inclusive one; null if absent. */
    private static Instant time(Context ctx, String parameter, long nanos) {
        String text = ctx.queryParam(parameter);
        return text == null ? null : ListTime.parse(parameter, text).plusNanos(nanos);
    }

    private static Instant latest(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isAfter(b) ? a : b;
    }

    private static Instant earliest(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isBefore(b) ? a : b;
    }

    private void listProducts(Context ctx) {
        Integer page = positive(ctx, "page", 1);
        Integer size = positive(ctx, "itemsPerPage", DEFAULT_PAGE_SIZE);
        if (page == null || size == null) {
            return;
        }
        int perPage = Math.min(size, MAX_PAGE_SIZE);
        List<ProductView> all = state.products();
        long from = Math.min((long) (page - 1) * perPage, all.size());
        int to = (int) Math.min(from + perPage, all.size());
        ctx.json(all.subList((int) from, to).stream().map(XCartApi::productResource).toList());
    }

    private void putProduct(Context ctx) {
        Optional<ProductView> product = productOf(ctx);
        calls.sku(product.map(ProductView::sku).orElse("id:" + ctx.pathParam("id")));
        if (product.isEmpty()) {
            fail(ctx, 404, "Not Found");
            return;
        }
        Optional<JsonNode> body = body(ctx);
        if (body.isEmpty()) {
            return;
        }
        JsonNode amount = body.get().path("amount");
        JsonNode price = body.get().path("price");
        if (!amount.isMissingNode() && !(amount.canConvertToInt() && amount.isIntegralNumber() && amount.asInt() >= 0)) {
            fail(ctx, 400, "amount: This value should be a whole number greater than or equal to 0.");
            return;
        }
        BigDecimal newPrice = null;
        if (!price.isMissingNode()) {
            newPrice = price.isNumber() ? price.decimalValue() : null;
            if (newPrice == null || newPrice.signum() < 0) {
                fail(ctx, 400, "price: This value should be a number greater than or equal to 0.");
                return;
            }
        }
        JsonNode description = body.get().path("description");
        if (!description.isMissingNode() && !description.isTextual()) {
            fail(ctx, 400, "description: This value should be of type string.");
            return;
        }
        if (description.isTextual()) {
            state.updateDescription(product.get().sku(), description.asText());
        }
        state.updateProduct(product.get().sku(), amount.isMissingNode() ? null : amount.asInt(), newPrice)
                .ifPresent(updated -> ctx.json(productResource(updated)));
    }

    private ObjectNode orderResource(Order order) {
        ObjectNode json = generator.orderJson(order);
        json.set("tracking_numbers", StorefrontJson.mapper().valueToTree(
                order.trackingNumbers().stream().map(XCartApi::trackingResource).toList()));
        json.set("details", StorefrontJson.mapper().valueToTree(
                order.cash().details().stream().map(XCartCashApi::detailResource).toList()));
        return json;
    }

    private static ObjectNode trackingResource(TrackingNumber tracking) {
        return NODES.objectNode().put("id", tracking.id()).put("date", tracking.date().getEpochSecond())
                .put("value", tracking.value());
    }

    private static ObjectNode productResource(ProductView product) {
        ObjectNode json = NODES.objectNode().put("id", product.id()).put("sku", product.sku())
                .put("name", product.name()).put("price", XCartOrderGenerator.money(product.price()))
                .put("amount", product.amount()).put("enabled", product.enabled());
        return product.description() == null ? json : json.put("description", product.description());
    }

    private void withOrder(Context ctx, Consumer<Order> then) {
        state.order(ctx.pathParam("id")).ifPresentOrElse(then, () -> fail(ctx, 404, "Not Found"));
    }

    private void withProduct(Context ctx, Consumer<ProductView> then) {
        productOf(ctx).ifPresentOrElse(then, () -> fail(ctx, 404, "Not Found"));
    }

    private Optional<ProductView> productOf(Context ctx) {
        try {
            return state.productById(Integer.parseInt(ctx.pathParam("id")));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Integer positive(Context ctx, String name, int fallback) {
        String text = ctx.queryParam(name);
        if (text == null) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(text.strip());
            if (value >= 1) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        fail(ctx, 400, name + " must be a whole number of at least 1");
        return null;
    }

    static Optional<JsonNode> body(Context ctx) {
        try {
            JsonNode body = StorefrontJson.mapper().readTree(ctx.bodyAsBytes());
            if (body != null && body.isObject()) {
                return Optional.of(body);
            }
        } catch (IOException e) {
            // answered below
        }
        fail(ctx, 400, "Syntax error: the body must be a JSON object");
        return Optional.empty();
    }

    static void fail(Context ctx, int status, String message) {
        ctx.status(status).json(Map.of("message", message));
    }
}
