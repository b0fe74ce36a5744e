package dev.p21bridge.storefront.invoices;

import com.fasterxml.jackson.databind.JsonNode;
import dev.p21bridge.storefront.PathSegment;
import dev.p21bridge.storefront.Storefront;
import dev.p21bridge.storefront.StorefrontAnswer;
import dev.p21bridge.storefront.StorefrontCallException;
import dev.p21bridge.storefront.StorefrontClient;
import dev.p21bridge.storefront.StorefrontHttp;
import java.math.BigDecimal;
import java.util.Map;
import okhttp3.HttpUrl;

/**
 * X-Cart 5.5: the invoice number as an order detail ({@code details[]}, name {@code p21_invoice_no}, through
 * {@code POST /api/orders/{id}/details}), written only when the order does not show it; a credit as the return
 * refunded ({@code PUT /api/orders/{id}/returns/{return id}}, status {@code R}). Both routes are inferred: X-Cart's
 * core API has order details but no public write route for them, and returns come from an add-on (docs/cash-and-returns.md).
 */
public final class XCartInvoices implements InvoiceTarget {

    static final String DETAIL = "p21_invoice_no";

    private final StorefrontHttp http;
    private final HttpUrl api;

    public XCartInvoices(StorefrontHttp http, HttpUrl baseUrl) {
        this.http = http;
        this.api = baseUrl.newBuilder().addPathSegment("api").addPathSegment("orders").build();
    }

    @Override
    public Storefront storefront() {
        return http.storefront();
    }

    @Override
    public boolean showInvoice(String orderId, String invoiceNo) {
        JsonNode order = ok(http.get(order(orderId).build(), "order"), "order " + orderId).json();
        for (JsonNode detail : order.path("details")) {
            if (DETAIL.equals(detail.path("name").asText()) && invoiceNo.equals(detail.path("value").asText())) {
                return false;
            }
        }
        ok(http.send(order(orderId).addPathSegment("details").build(), "POST",
                Map.of("name", DETAIL, "label", "P21 invoice", "value", invoiceNo), "order-detail"), "order " + orderId);
        return true;
    }

    @Override
    public void refundReturn(String orderId, String returnId, BigDecimal amount) {
        ok(http.send(order(orderId).addPathSegment("returns").addPathSegment(PathSegment.of("return id", returnId))
                .build(), "PUT", Map.of("status", "R", "refund_value", StorefrontClient.plainPrice(amount)), "return-refund"),
                "return " + returnId + " of order " + orderId);
    }

    private HttpUrl.Builder order(String orderId) {
        return api.newBuilder().addPathSegment(PathSegment.of("order id", orderId));
    }

    private StorefrontAnswer ok(StorefrontAnswer answer, String what) {
        if (!answer.isSuccessful()) {
            throw new StorefrontCallException(http.storefront(), answer.status(), what + ": " + answer.detail(),
                    answer.retryAfter());
        }
        return answer;
    }
}
