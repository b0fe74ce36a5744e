package dev.p21bridge.platform.orders;

import dev.p21bridge.schemas.FulfillmentStatus;
import dev.p21bridge.schemas.Order;
import dev.p21bridge.schemas.PaymentStatus;
import java.util.Optional;

/**
 * Whether a storefront order may become a P21 order at all, from its payment and its status alone: an order whose
 * payment was declined or cancelled, or that the store cancelled, is not payable. It gets no P21 order and holds no
 * stock (the transformer reserves nothing for it); the p21-sink records why on {@code canonical.order-confirmations}.
 * A pending payment is payable here; whether the p21-sink creates such an order is its setting
 * ({@code BRIDGE_P21_PENDING_ORDERS}), see docs/payable-orders.md.
 */
public final class Payability {

    private Payability() {
    }

    /** Why the order must not become a P21 order, or empty when it may. */
    public static Optional<String> refusal(Order order) {
        PaymentStatus payment = order.getPayment() == null ? null : order.getPayment().getStatus();
        if (payment == PaymentStatus.DECLINED) {
            return Optional.of("payment declined");
        }
        if (payment == PaymentStatus.CANCELLED) {
            return Optional.of("payment cancelled");
        }
        if (order.getFulfillmentStatus() == FulfillmentStatus.CANCELLED) {
            return Optional.of("order cancelled by the store");
        }
        return Optional.empty();
    }

    public static boolean isPayable(Order order) {
        return refusal(order).isEmpty();
    }
}
