package dev.p21bridge.simulators.storefront;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One movement of money on an order after checkout: a capture of authorized money or a refund. {@code amount} is
 * always positive, {@code kind} says the direction; each storefront renders its own id from {@code number} (X-Cart's
 * numeric {@code transaction_id}, Clarity's {@code PAY-…} {@code paymentId}).
 *
 * @param partial      a capture of less than the order total (X-Cart's {@code capture_part})
 * @param publicId     the payment processor's reference ({@code ch_…}, {@code re_…})
 * @param returnNumber the return a refund pays back, else null
 */
public record PaymentTransaction(long number, Kind kind, boolean partial, BigDecimal amount, String publicId,
                                 Instant at, Long returnNumber) {

    /** Which way the money went. */
    public enum Kind { CAPTURE, REFUND }

    /** {@code capture} or {@code refund}: the store-neutral word {@code GET /sim/orders/{id}} shows. */
    public String word() {
        return kind == Kind.CAPTURE ? "capture" : "refund";
    }

    /** The amount as the order view shows it: a refund negative. */
    public BigDecimal signedAmount() {
        return kind == Kind.CAPTURE ? amount : amount.negate();
    }
}
