package dev.p21bridge.simulators.clarity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.p21bridge.simulators.storefront.CallLog;
import dev.p21bridge.simulators.storefront.ListTime;
import dev.p21bridge.simulators.storefront.Order;
import dev.p21bridge.simulators.storefront.OrderListPage;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Clarity eCommerce storefront API ({@code /API-Storefront}, ServiceStack) the bridge calls, with
 * {@code Authorization: Bearer <token>}. Every answer is Clarity's {@code CEFActionResponse} envelope
 * {@code {"ActionSucceeded", "Messages", "Result"}}; a failure has {@code ActionSucceeded=false}, a message and a 4xx.
 *
 * <p>The sales-order state changes follow Clarity's published routes. <b>Invented by this simulator</b>, because
 * Clarity documents no public equivalent: {@code GET /API-Storefront/Ordering/SalesOrder/{ID}},
 * {@code GET /API-Storefront/Products/Product/BySKU/{SKU}}, {@code PATCH
 * /API-Storefront/Inventory/Product/BySKU/{SKU}} with {@code {"QuantityAvailable": n}} and {@code PATCH
 * /API-Storefront/Pricing/Product/BySKU/{SKU}} with {@code {"Price": "12.34"}}, {@code PATCH
 * /API-Storefront/Catalog/Product/BySKU/{SKU}} with {@code {"Description": "..."}}, and the order resource's
 * {@code paymentStatus}. A Voided order takes no more changes.
 */
final class ClarityApi {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String BASE = "/API-Storefront";

    private final StorefrontState state;
    private final ClarityOrderGenerator generator;
    private final CallLog calls;
    private final byte[] expectedAuthorization;

    ClarityApi(StorefrontState state, ClarityOrderGenerator generator, CallLog calls, String token) {
        this.state = state;
        this.generator = generator;
        this.calls = calls;
        this.expectedAuthorization = ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
    }

    void install(JavalinConfig cfg) {
        cfg.routes.before(BASE + "/*", this::authenticate);
        cfg.routes.get(BASE + "/Ordering/SalesOrders", this::listOrders);
        cfg.routes.get(BASE + "/Ordering/SalesOrder/{ID}", ctx -> state.order(ctx.pathParam("ID")).ifPresentOrElse(
                order -> succeed(ctx, orderResource(order)), () -> orderNotFound(ctx)));
        cfg.routes.patch(BASE + "/Ordering/SalesOrder/{action}/{ID}", this::changeState);
        cfg.routes.get(BASE + "/Products/Product/BySKU/{SKU}", ctx -> state.productBySku(ctx.pathParam("SKU"))
                .ifPresentOrElse(product -> succeed(ctx, productResource(product)), () -> productNotFound(ctx)));
        cfg.routes.patch(BASE + "/Inventory/Product/BySKU/{SKU}", this::patchInventory);
        cfg.routes.patch(BASE + "/Pricing/Product/BySKU/{SKU}", this::patchPrice);
        cfg.routes.patch(BASE + "/Catalog/Product/BySKU/{SKU}", this::patchDescription);
    }

    /** The failure envelope, also used for injected faults. */
    static String errorBody(int status) {
        String message = switch (status) {
            case 401 -> "Unauthorized";
            case 404 -> "Not Found";
            case 429 -> "Too Many Requests";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> status >= 500 ? "An unexpected error occurred" : "Bad Request";
        };
        return "{\"ActionSucceeded\":false,\"Messages\":[\"" + message + "\"],\"Result\":null}";
    }

    private void authenticate(Context ctx) {
        String given = ctx.header("Authorization");
        if (given == null || !MessageDigest.isEqual(expectedAuthorization, given.getBytes(StandardCharsets.UTF_8))) {
            fail(ctx, 401, "Unauthorized: a valid bearer token is required");
            ctx.skipRemainingHandlers();
        }
    }

    private void changeState(Context ctx) {
        String id = ctx.pathParam("ID");
        Optional<ClarityOrderAction> action = ClarityOrderAction.byRoute(ctx.pathParam("action"));
        if (action.isEmpty()) {
            fail(ctx, 404, "Unknown sales order operation " + ctx.pathParam("action"));
            return;
        }
        calls.order(id, action.get().name());
        Optional<Order> order = state.order(id);
        if (order.isEmpty()) {
            orderNotFound(ctx);
            return;
        }
        if (order.get().status().equals(ClarityOrderAction.VOIDED)) {
            fail(ctx, 400, "Sales order " + id + " is Voided and cannot be changed");
            return;
        }
        List<String> tracking = new ArrayList<>();
        String carrier = null;
        if (action.get() == ClarityOrderAction.SHIP && ctx.bodyAsBytes().length > 0) {
            Optional<JsonNode> body = body(ctx);
            if (body.isEmpty()) {
                return;
            }
            JsonNode numbers = body.get().path("TrackingNumbers");
            if (!numbers.isMissingNode() && !numbers.isNull() && !numbers.isArray()) {
                fail(ctx, 400, "TrackingNumbers must be an array of strings");
                return;
            }
            for (JsonNode number : numbers) {
                if (!number.isTextual() || number.asText().isBlank()) {
                    fail(ctx, 400, "TrackingNumbers must be an array of non-empty strings");
                    return;
                }
                tracking.add(number.asText().strip());
            }
            carrier = body.get().path("Carrier").isTextual() ? body.get().path("Carrier").asText() : null;
        }
        state.setStatus(id, action.get().status());
        if (!tracking.isEmpty() || carrier != null) {
            state.addTracking(id, tracking, carrier);
        }
        succeed(ctx, orderResource(state.order(id).orElseThrow()));
    }

    /**
     * {@code GET /API-Storefront/Ordering/SalesOrders} (<b>invented</b>: Clarity publishes no list route; the
     * parameters follow its search models): {@code Paging.StartIndex} (the page, from 1), {@code Paging.Size} (at
     * most 100), {@code Sorts} ({@code UpdatedDate:desc}, {@code CreatedDate:asc}, ...; default
     * {@code CreatedDate:desc}), and {@code MinDate}/{@code MaxDate} on the creation date, inclusive. The result is
     * {@code {"Results", "CurrentPage", "CurrentCount", "TotalCount", "TotalPages"}} in the usual envelope.
     */
    private void listOrders(Context ctx) {
        OrderListQuery query;
        try {
            int page = whole(ctx, "Paging.StartIndex", 1);
            int size = Math.min(whole(ctx, "Paging.Size", 25), OrderListQuery.MAX_PER_PAGE);
            String sorts = Optional.ofNullable(ctx.queryParam("Sorts")).orElse("CreatedDate:desc").strip();
            String[] sort = sorts.split(":", 2);
            OrderListQuery.SortBy by = switch (sort[0]) {
                case "CreatedDate" -> OrderListQuery.SortBy.CREATED;
                case "UpdatedDate" -> OrderListQuery.SortBy.LAST_CHANGE;
                default -> throw new IllegalArgumentException("Sorts must name CreatedDate or UpdatedDate, e.g."
                        + " UpdatedDate:desc, got '" + sorts + "'");
            };
            String direction = sort.length == 2 ? sort[1].toLowerCase(java.util.Locale.ROOT) : "asc";
            if (!direction.equals("asc") && !direction.equals("desc")) {
                throw new IllegalArgumentException("a sort direction is asc or desc, got '" + sort[1] + "'");
            }
            query = new OrderListQuery(by, direction.equals("desc"), time(ctx, "MinDate"), time(ctx, "MaxDate"), page,
                    size);
        } catch (IllegalArgumentException e) {
            fail(ctx, 400, e.getMessage());
            return;
        }
        OrderListPage listed = state.listOrders(query);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("Results", listed.orders().stream().map(this::orderResource).toList());
        result.put("CurrentPage", query.page());
        result.put("CurrentCount", listed.orders().size());
        result.put("TotalCount", listed.total());
        result.put("TotalPages", (listed.total() + query.perPage() - 1) / query.perPage());
        succeed(ctx, result);
    }

    private static int whole(Context ctx, String parameter, int fallback) {
        String text = ctx.queryParam(parameter);
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
        throw new IllegalArgumentException(parameter + " must be a whole number of at least 1");
    }

    private static java.time.Instant time(Context ctx, String parameter) {
        String text = ctx.queryParam(parameter);
        return text == null ? null : ListTime.parse(parameter, text);
    }

    private void patchInventory(Context ctx) {
        String sku = ctx.pathParam("SKU");
        calls.sku(sku);
        if (state.productBySku(sku).isEmpty()) {
            productNotFound(ctx);
            return;
        }
        Optional<JsonNode> body = body(ctx);
        if (body.isEmpty()) {
            return;
        }
        JsonNode quantity = body.get().path("QuantityAvailable");
        if (!quantity.isIntegralNumber() || !quantity.canConvertToInt() || quantity.asInt() < 0) {
            fail(ctx, 400, "QuantityAvailable must be a whole number of at least 0");
            return;
        }
        state.updateProduct(sku, quantity.asInt(), null).ifPresent(p -> succeed(ctx, productResource(p)));
    }

    private void patchPrice(Context ctx) {
        String sku = ctx.pathParam("SKU");
        calls.sku(sku);
        if (state.productBySku(sku).isEmpty()) {
            productNotFound(ctx);
            return;
        }
        Optional<JsonNode> body = body(ctx);
        if (body.isEmpty()) {
            return;
        }
        BigDecimal price = price(body.get().path("Price"));
        if (price == null || price.signum() < 0) {
            fail(ctx, 400, "Price must be a decimal amount of at least 0, e.g. \"12.34\"");
            return;
        }
        state.updateProduct(sku, null, price).ifPresent(p -> succeed(ctx, productResource(p)));
    }

    private void patchDescription(Context ctx) {
        String sku = ctx.pathParam("SKU");
        calls.sku(sku);
        if (state.productBySku(sku).isEmpty()) {
            productNotFound(ctx);
            return;
        }
        Optional<JsonNode> body = body(ctx);
        if (body.isEmpty()) {
            return;
        }
        JsonNode description = body.get().path("Description");
        if (!description.isTextual()) {
            fail(ctx, 400, "Description must be text");
            return;
        }
        state.updateDescription(sku, description.asText()).ifPresent(p -> succeed(ctx, productResource(p)));
    }

    private ObjectNode orderResource(Order order) {
        ObjectNode json = generator.orderJson(order);
        json.set("trackingNumbers", StorefrontJson.mapper().valueToTree(
                order.trackingNumbers().stream().map(TrackingNumber::value).toList()));
        json.put("carrier", order.carrier());
        json.put("paymentStatus", generator.paymentStatus(order));
        json.put("updatedDate", ClarityOrderGenerator.isoTime(order.updated()));
        return json;
    }

    private static ObjectNode productResource(ProductView product) {
        return NODES.objectNode().put("ID", product.id()).put("SKU", product.sku()).put("Name", product.name())
                .put("Price", ClarityOrderGenerator.money(product.price()))
                .put("QuantityAvailable", product.amount()).put("IsActive", product.enabled());
    }

    private static BigDecimal price(JsonNode value) {
        try {
            if (value.isNumber()) {
                return value.decimalValue();
            }
            return value.isTextual() ? new BigDecimal(value.asText().strip()) : null;
        } catch (NumberFormatException e) {
            return null;
        }
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
        fail(ctx, 400, "The request body must be a JSON object");
        return Optional.empty();
    }

    private static void orderNotFound(Context ctx) {
        fail(ctx, 404, "Sales order " + ctx.pathParam("ID") + " not found");
    }

    private static void productNotFound(Context ctx) {
        fail(ctx, 404, "Product with SKU " + ctx.pathParam("SKU").strip() + " not found");
    }

    static void succeed(Context ctx, Object result) {
        ctx.json(envelope(true, List.of(), result));
    }

    static void fail(Context ctx, int status, String message) {
        ctx.status(status).json(envelope(false, List.of(message), null));
    }

    private static Map<String, Object> envelope(boolean succeeded, List<String> messages, Object result) {
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("ActionSucceeded", succeeded);
        envelope.put("Messages", messages);
        envelope.put("Result", result);
        return envelope;
    }
}
