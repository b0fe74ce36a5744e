package dev.p21bridge.storefront.invoices;

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
 * Clarity: an invoiced order shows Completed through {@code canonical.order-status} (the {@code Complete} state
 * change); Clarity's sales order has no field for an outside invoice number, so nothing more is sent. A credit marks
 * the return refunded with the return action {@code PATCH /API-Storefront/Providers/Returning/Actions/Refunded/{ID}}
 * (the Returning actions are public, Refunded is one of the return statuses; the body's name is inferred).
 */
public final class ClarityInvoices implements InvoiceTarget {

    private final StorefrontHttp http;
    private final HttpUrl actions;

    public ClarityInvoices(StorefrontHttp http, HttpUrl baseUrl) {
        this.http = http;
        this.actions = baseUrl.newBuilder().addPathSegment("API-Storefront").addPathSegment("Providers")
                .addPathSegment("Returning").addPathSegment("Actions").build();
    }

    @Override
    public Storefront storefront() {
        return http.storefront();
    }

    @Override
    public boolean showInvoice(String orderId, String invoiceNo) {
        return false;
    }

    @Override
    public void refundReturn(String orderId, String returnId, BigDecimal amount) {
        StorefrontAnswer answer = http.send(actions.newBuilder().addPathSegment("Refunded")
                        .addPathSegment(PathSegment.of("return id", returnId)).build(), "PATCH",
                Map.of("RefundAmount", StorefrontClient.plainPrice(amount).toPlainString()),
                "return-refund");
        if (!answer.isSuccessful() || !answer.json().path("ActionSucceeded").asBoolean(false)) {
            throw new StorefrontCallException(http.storefront(), answer.status(),
                    "return " + returnId + " of sales order " + orderId + ": " + answer.detail(), answer.retryAfter());
        }
    }
}
