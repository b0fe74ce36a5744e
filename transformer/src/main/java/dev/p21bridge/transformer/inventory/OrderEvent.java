package dev.p21bridge.transformer.inventory;

import dev.p21bridge.schemas.Order;
import dev.p21bridge.schemas.OrderConfirmation;
import java.time.Instant;

/**
 * What the order-lines processor hears about an order: it was placed, the p21-sink confirmed it, or P21's order poll
 * showed it. Never serialized.
 */
public sealed interface OrderEvent {

    record Placed(Order order) implements OrderEvent {
    }

    record Confirmed(OrderConfirmation confirmation) implements OrderEvent {
    }

    /**
     * A status of the order from P21's poll (usually its first, accepted or held; an order shipped or cancelled before
     * P21 was first polled shows only that): the order exists in P21 and has had its allocation.
     *
     * @param changedAt when P21 changed the order ({@code oe_hdr.date_last_modified}, or the pick ticket's or invoice's
     *                  time), on P21's clock, the clock of the stock readings; at or after the allocation
     */
    record Accepted(String orderKey, Instant changedAt) implements OrderEvent {
    }
}
