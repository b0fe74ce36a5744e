package dev.p21bridge.storefront.status;

import dev.p21bridge.storefront.PathSegment;
import dev.p21bridge.storefront.Storefront;
import dev.p21bridge.storefront.StorefrontAnswer;
import dev.p21bridge.storefront.StorefrontCallException;
import dev.p21bridge.storefront.StorefrontHttp;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import okhttp3.HttpUrl;

/**
 * Clarity: {@code Result.status} of {@code GET /API-Storefront/Ordering/SalesOrder/{ID}}, changed with the state
 * change {@code PATCH /API-Storefront/Ordering/SalesOrder/<action>/{ID}} (Confirm, Hold, CreatePickTicket, Ship,
 * Complete, Void).
 */
public final class ClarityOrderStatus implements OrderStatusTarget {

    private final StorefrontHttp http;
    private final HttpUrl api;

    public ClarityOrderStatus(StorefrontHttp http, HttpUrl baseUrl) {
        this.http = http;
        this.api = baseUrl.newBuilder().addPathSegment("API-Storefront").addPathSegment("Ordering")
                .addPathSegment("SalesOrder").build();
    }

    @Override
    public Storefront storefront() {
        return http.storefront();
    }

    @Override
    public String status(String orderId) {
        return succeeded(http.get(url(null, orderId), "order"), "sales order " + orderId).path("Result")
                .path("status").asText("");
    }

    @Override
    public void set(String orderId, StoreStatuses.Target target) {
        succeeded(http.send(url(target.action(), orderId), "PATCH", Map.of(), "order-status"),
                "sales order " + orderId);
    }

    private HttpUrl url(String action, String orderId) {
        HttpUrl.Builder url = api.newBuilder();
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
