package dev.p21bridge.simulators.storefront;

import java.util.List;

/**
 * An order as {@code GET /sim/orders/{id}} shows it; {@code status} is X-Cart's shipping status code ({@code N},
 * {@code S}, ...) or Clarity's status name ({@code Pending}, {@code Shipped}, ...).
 */
public record OrderView(String id, String status, List<String> trackingNumbers, Order order) {

    static OrderView of(Order order) {
        return new OrderView(order.id(), order.status(),
                order.trackingNumbers().stream().map(TrackingNumber::value).toList(), order);
    }
}
