package dev.p21bridge.storefront;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import okhttp3.HttpUrl;

/**
 * Clarity eCommerce's storefront API ({@code /API-Storefront}, ServiceStack) with {@code Authorization: Bearer}.
 * Every answer is the {@code {ActionSucceeded, Messages, Result}} envelope and HTTP 200 is not success:
 * {@code ActionSucceeded=false} is a refusal with Clarity's messages. The order state change is Clarity's published
 * {@code PATCH /Ordering/SalesOrder/Ship/{ID}}; the order read, stock and price routes are the simulator's
 * (Clarity documents no public equivalent).
 */
final class ClarityClient implements StorefrontClient {

    static final String SHIPPED = "Shipped";
    /** Statuses past shipping; Ship would move them back, so such an order is left as it is. */
    static final Set<String> PAST_SHIPPING = Set.of("Completed");

    private final StorefrontHttp http;
    private final HttpUrl api;

    ClarityClient(StorefrontHttp http, HttpUrl baseUrl) {
        this.http = http;
        this.api = baseUrl.newBuilder().addPathSegment("API-Storefront").build();
    }

    @Override
    public Storefront storefront() {
        return http.storefront();
    }

    /** {@code QuantityAvailable} of {@code GET /Products/Product/BySKU/{SKU}}. */
    @Override
    public OptionalLong stock(String sku) {
        HttpUrl url = api.newBuilder().addPathSegment("Products").addPathSegment("Product").addPathSegment("BySKU")
                .addPathSegment(PathSegment.of("SKU", sku.strip())).build();
        StorefrontAnswer answer = http.get(url, "stock-read");
        if (answer.status() == 404) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(succeeded(answer, "SKU " + sku).path("Result").path("QuantityAvailable").asLong());
    }

    @Override
    public boolean setStock(String sku, long amount) {
        return patchProduct("Inventory", sku, Map.of("QuantityAvailable", amount), "stock");
    }

    @Override
    public boolean setPrice(String sku, BigDecimal price) {
        return patchProduct("Pricing", sku, Map.of("Price", StorefrontClient.plainPrice(price).toPlainString()),
                "price");
    }

    /** The product's description, on the catalogue area's product by SKU, as prices are on the pricing area's. */
    @Override
    public boolean setDescription(String sku, String description) {
        return patchProduct("Catalog", sku, Map.of("Description", description), "description");
    }

    /**
     * Calls Ship with the tracking numbers the order does not show yet, unless the order is Shipped with all of them
     * already or past shipping. Ship both sets the status and adds tracking numbers, so it is the one call made.
     */
    @Override
    public ShipOutcome ship(String orderId, String carrier, List<String> trackingNumbers) {
        JsonNode order = order(orderId);
        String status = order.path("status").asText("");
        if (PAST_SHIPPING.contains(status)) {
            return ShipOutcome.LEFT_AS_IS;
        }
        Set<String> present = new HashSet<>();
        order.path("trackingNumbers").forEach(t -> present.add(t.asText()));
        List<String> missing = new ArrayList<>();
        for (String number : XCartClient.distinct(trackingNumbers)) {
            if (!present.contains(number)) {
                missing.add(number);
            }
        }
        if (SHIPPED.equals(status) && missing.isEmpty()) {
            return ShipOutcome.ALREADY_DONE;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("TrackingNumbers", missing);
        if (carrier != null && !carrier.isBlank()) {
            body.put("Carrier", carrier);
        }
        succeeded(http.send(salesOrder("Ship", orderId), "PATCH", body, "ship"), "sales order " + orderId);
        return ShipOutcome.CHANGED;
    }

    /** The {@code Result} of {@code GET /Ordering/SalesOrder/{ID}}. */
    JsonNode order(String orderId) {
        return succeeded(http.get(salesOrder(null, orderId), "order"), "sales order " + orderId).path("Result");
    }

    private boolean patchProduct(String area, String sku, Object body, String kind) {
        HttpUrl url = api.newBuilder().addPathSegment(area).addPathSegment("Product").addPathSegment("BySKU")
                .addPathSegment(PathSegment.of("SKU", sku.strip())).build();
        StorefrontAnswer answer = http.send(url, "PATCH", body, kind);
        if (answer.status() == 404) {
            return false;
        }
        succeeded(answer, "SKU " + sku);
        return true;
    }

    private HttpUrl salesOrder(String action, String orderId) {
        HttpUrl.Builder url = api.newBuilder().addPathSegment("Ordering").addPathSegment("SalesOrder");
        if (action != null) {
            url.addPathSegment(action);
        }
        return url.addPathSegment(PathSegment.of("order id", orderId)).build();
    }

    private JsonNode succeeded(StorefrontAnswer answer, String what) {
        if (!answer.isSuccessful() || !answer.json().path("ActionSucceeded").asBoolean(false)) {
            throw new StorefrontCallException(http.storefront(), answer.status(), what + ": " + answer.detail(),
                    answer.retryAfter());
        }
        return answer.json();
    }
}
