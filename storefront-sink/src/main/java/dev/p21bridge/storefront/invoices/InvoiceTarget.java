package dev.p21bridge.storefront.invoices;

import dev.p21bridge.storefront.Storefront;
import java.math.BigDecimal;

/**
 * What a storefront shows of P21's invoices and credits, through its API. Each method is safe to repeat: it reads
 * first or the storefront's own call is idempotent, so a redelivered invoice changes nothing twice. Both throw
 * {@link dev.p21bridge.storefront.StorefrontCallException} for the error policy to judge.
 */
public interface InvoiceTarget {

    Storefront storefront();

    /**
     * Shows the P21 invoice number on the order where the storefront has a place for it; false when it has none
     * or already shows it (nothing sent).
     */
    boolean showInvoice(String orderId, String invoiceNo);

    /** Marks the storefront's return refunded with {@code amount} (positive): the credit P21 gave for it. */
    void refundReturn(String orderId, String returnId, BigDecimal amount);
}
