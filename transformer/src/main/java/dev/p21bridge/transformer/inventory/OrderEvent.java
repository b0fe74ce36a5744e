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
     * P21's first status of a new order (accepted, or held): the order exists in P21 and has its allocation.
     *
     * @param changedAt the {@code oe_hdr} row's {@code date_last_modified}, on P21's clock, the clock of the stock
     *                  readings; at or after the allocation for a new row
     */
    record Accepted(String orderKey, Instant changedAt) implements OrderEvent {
    }
}
