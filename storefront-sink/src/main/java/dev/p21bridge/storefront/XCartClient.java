package dev.p21bridge.storefront;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import okhttp3.HttpUrl;

/**
 * X-Cart 5.5's REST API ({@code /api}, API Platform) with {@code X-Auth-Token}: product {@code amount} (stock) and
 * {@code price} by product id, found through {@link XCartProductIds}; an order's {@code shipping_status} and
 * {@code tracking_numbers}. {@code POST /api/orders/{id}/tracking_numbers} is the simulator's extension: X-Cart's
 * core API only reads tracking numbers.
 */
final class XCartClient implements StorefrontClient {

    static final int PAGE_SIZE = 100;
    /** Shipping statuses at or past "Shipped": Shipped, Delivered, Returned. Setting S again would go backwards. */
    static final Set<String> SHIPPED_OR_LATER = Set.of("S", "D", "R");

    private final StorefrontHttp http;
    private final HttpUrl api;
    private final XCartProductIds productIds;

    XCartClient(StorefrontHttp http, HttpUrl baseUrl, Clock clock) {
        this.http = http;
        this.api = baseUrl.newBuilder().addPathSegment("api").build();
        this.productIds = new XCartProductIds(this::loadProductIds, clock);
    }

    @Override
    public Storefront storefront() {
        return http.storefront();
    }

    @Override
    public OptionalLong stock(String sku) {
        OptionalInt id = productIds.idOf(sku);
        if (id.isEmpty()) {
            return OptionalLong.empty();
        }
        StorefrontAnswer answer = http.get(productUrl(id.getAsInt()), "stock-read");
        if (answer.status() == 404) {
            productIds.forget(sku);
            return OptionalLong.empty();
        }
        return OptionalLong.of(ok(answer, "SKU " + sku).json().path("amount").asLong());
    }

    @Override
    public boolean setStock(String sku, long amount) {
        return putProduct(sku, http.json().createObjectNode().put("amount", amount), "stock");
    }

    @Override
    public boolean setPrice(String sku, BigDecimal price) {
        // X-Cart validates price as a JSON number; a string is refused with 400
        return putProduct(sku, http.json().createObjectNode().put("price", StorefrontClient.plainPrice(price)), "price");
    }

    /** X-Cart 5.5's product resource keeps the full description in {@code description} (HTML allowed). */
    @Override
    public boolean setDescription(String sku, String description) {
        return putProduct(sku, http.json().createObjectNode().put("description", description), "description");
    }

    /**
     * Adds the tracking numbers the order does not show, then sets shipping status {@code S}: X-Cart runs its ship
     * handler (the customer's notification) on the change to S, which should see the tracking numbers.
     */
    @Override
    public ShipOutcome ship(String orderId, String carrier, List<String> trackingNumbers) {
        return ship(orderId, trackingNumbers, true);
    }

    /** Adds the tracking numbers the order does not show; the shipping status stays (X-Cart has no partial one). */
    @Override
    public ShipOutcome shipPart(String orderId, String carrier, List<String> trackingNumbers) {
        return ship(orderId, trackingNumbers, false);
    }

    private ShipOutcome ship(String orderId, List<String> trackingNumbers, boolean complete) {
        JsonNode order = order(orderId);
        Set<String> present = new LinkedHashSet<>();
        order.path("tracking_numbers").forEach(t -> present.add(t.path("value").asText()));
        boolean changed = false;
        for (String number : distinct(trackingNumbers)) {
            if (!present.contains(number)) {
                ok(http.send(orderUrl(orderId, "tracking_numbers"), "POST", Map.of("value", number), "tracking"),
                        "order " + orderId);
                changed = true;
            }
        }
        String status = order.path("shipping_status").path("code").asText("");
        if (complete && !SHIPPED_OR_LATER.contains(status)) {
            ok(http.send(orderUrl(orderId, "shipping_status"), "PUT", Map.of("code", "S"), "shipping-status"),
                    "order " + orderId);
            changed = true;
        }
        return changed ? ShipOutcome.CHANGED : ShipOutcome.ALREADY_DONE;
    }

    JsonNode order(String orderId) {
        return ok(http.get(orderUrl(orderId), "order"), "order " + orderId).json();
    }

    private boolean putProduct(String sku, ObjectNode body, String kind) {
        OptionalInt id = productIds.idOf(sku);
        if (id.isEmpty()) {
            return false;
        }
        StorefrontAnswer answer = http.send(productUrl(id.getAsInt()), "PUT", body, kind);
        if (answer.status() == 404) {
            productIds.forget(sku);
            return false;
        }
        ok(answer, "SKU " + sku);
        return true;
    }

    private HttpUrl productUrl(int id) {
        return api.newBuilder().addPathSegment("products").addPathSegment(Integer.toString(id)).build();
    }

    private Map<String, Integer> loadProductIds() {
        Map<String, Integer> ids = new HashMap<>();
        for (int page = 1; ; page++) {
            HttpUrl url = api.newBuilder().addPathSegment("products")
                    .addQueryParameter("page", Integer.toString(page))
                    .addQueryParameter("itemsPerPage", Integer.toString(PAGE_SIZE)).build();
            JsonNode products = ok(http.get(url, "products"), "the product list").json();
            JsonNode items = products.isArray() ? products : products.path("hydra:member");
            items.forEach(p -> {
                if (p.path("sku").isTextual() && p.path("id").canConvertToInt()) {
                    ids.put(p.path("sku").asText(), p.path("id").asInt());
                }
            });
            if (items.size() < PAGE_SIZE) {
                return ids;
            }
        }
    }

    private HttpUrl orderUrl(String orderId, String... more) {
        HttpUrl.Builder url = api.newBuilder().addPathSegment("orders")
                .addPathSegment(PathSegment.of("order id", orderId));
        for (String segment : more) {
            url.addPathSegment(segment);
        }
        return url.build();
    }

    private StorefrontAnswer ok(StorefrontAnswer answer, String what) {
        if (!answer.isSuccessful()) {
            throw new StorefrontCallException(http.storefront(), answer.status(),
                    what + ": " + answer.detail(), answer.retryAfter());
        }
        return answer;
    }

    static List<String> distinct(List<String> trackingNumbers) {
        return trackingNumbers.stream().map(String::strip).filter(t -> !t.isEmpty()).distinct().toList();
    }
}
