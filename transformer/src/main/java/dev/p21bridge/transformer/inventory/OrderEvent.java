package dev.p21bridge.transformer.inventory;

import dev.p21bridge.schemas.Order;
import dev.p21bridge.schemas.OrderConfirmation;

/** What the order-lines processor hears about an order: it was placed, or P21 confirmed it. Never serialized. */
public sealed interface OrderEvent {

    record Placed(Order order) implements OrderEvent {
    }

    record Confirmed(OrderConfirmation confirmation) implements OrderEvent {
    }
}
