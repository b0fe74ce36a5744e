package dev.p21bridge.simulators.storefront;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A return the customer opened on an order (an RMA request), refunded once the bridge says so. Each storefront renders
 * its id from {@code number} (X-Cart's numeric {@code id}, Clarity's {@code RT-…}).
 *
 * @param refunded   what was paid back, null until refunded
 * @param refundedAt when, null until refunded
 */
public record OrderReturn(long number, List<Line> lines, String reason, String comment, Instant created,
                          BigDecimal refunded, Instant refundedAt) {

    /**
     * One returned line. {@code orderItemId} is the order line's id (0 for a SKU not on the order, which only an
     * unchecked return carries); {@code unitPrice} is what the order line cost.
     */
    public record Line(long orderItemId, String sku, int quantity, BigDecimal unitPrice) {
    }

    public OrderReturn {
        lines = List.copyOf(lines);
    }

    public boolean hasRefund() {
        return refunded != null;
    }

    /** {@code requested} or {@code refunded}: the store-neutral word {@code GET /sim/orders/{id}} shows. */
    public String word() {
        return hasRefund() ? "refunded" : "requested";
    }

    OrderReturn refund(BigDecimal amount, Instant at) {
        return new OrderReturn(number, lines, reason, comment, created, amount, at);
    }
}
