package dev.p21bridge.storefront.status;

import dev.p21bridge.storefront.PathSegment;
import dev.p21bridge.storefront.Storefront;
import dev.p21bridge.storefront.StorefrontAnswer;
import dev.p21bridge.storefront.StorefrontCallException;
import dev.p21bridge.storefront.StorefrontHttp;
import java.util.Map;
import okhttp3.HttpUrl;

/** X-Cart 5.5: {@code shipping_status.code} of {@code GET /api/orders/{id}}, set with {@code PUT .../shipping_status}. */
public final class XCartOrderStatus implements OrderStatusTarget {

    private final StorefrontHttp http;
    private final HttpUrl api;

    public XCartOrderStatus(StorefrontHttp http, HttpUrl baseUrl) {
        this.http = http;
        this.api = baseUrl.newBuilder().addPathSegment("api").build();
    }

    @Override
    public Storefront storefront() {
        return http.storefront();
    }

    @Override
    public String status(String orderId) {
        return ok(http.get(orderUrl(orderId, null), "order"), "order " + orderId).json()
                .path("shipping_status").path("code").asText("");
    }

    @Override
    public void set(String orderId, StoreStatuses.Target target) {
        ok(http.send(orderUrl(orderId, "shipping_status"), "PUT", Map.of("code", target.status()), "shipping-status"),
                "order " + orderId);
    }

    private HttpUrl orderUrl(String orderId, String more) {
        HttpUrl.Builder url = api.newBuilder().addPathSegment("orders").addPathSegment(PathSegment.of("order id", orderId));
        return (more == null ? url : url.addPathSegment(more)).build();
    }

    private StorefrontAnswer ok(StorefrontAnswer answer, String what) {
        if (!answer.isSuccessful()) {
            throw new StorefrontCallException(http.storefront(), answer.status(), what + ": " + answer.detail(),
                    answer.retryAfter());
        }
        return answer;
    }
}
