package dev.p21bridge.simulators.xcart;

import dev.p21bridge.simulators.storefront.Order;

/**
 * X-Cart's payment statuses ({@code XLite\Model\Order\Status\Payment}) the simulated store goes through. The codes
 * are X-Cart's; the ids of {@code Q} and {@code P} are the samples', the others inferred (real stores may number
 * them otherwise).
 */
enum XCartPaymentStatus {
    Q(1, "Awaiting payment"),
    A(2, "Authorized"),
    D(3, "Declined"),
    P(4, "Paid"),
    PP(5, "Partially paid"),
    R(7, "Refunded"),
    PR(8, "Partially refunded");

    private final int id;
    private final String label;

    XCartPaymentStatus(int id, String label) {
        this.id = id;
        this.label = label;
    }

    int id() {
        return id;
    }

    String label() {
        return label;
    }

    /**
     * The status the order's money gives: refunded or partly so once anything was refunded; else paid, partly paid,
     * authorized (a card), or awaiting payment (a purchase order); declined when the card was declined at checkout.
     */
    static XCartPaymentStatus of(Order order) {
        if (order.declined()) {
            return D;
        }
        if (order.refunded().signum() > 0) {
            return order.refunded().compareTo(order.captured()) >= 0 ? R : PR;
        }
        if (order.captured().signum() == 0) {
            return order.purchaseOrder() ? Q : A;
        }
        return order.uncaptured().signum() == 0 ? P : PP;
    }
}
