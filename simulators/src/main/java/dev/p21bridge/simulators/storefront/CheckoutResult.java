package dev.p21bridge.simulators.storefront;

import java.util.List;
import java.util.Map;

/**
 * What one checkout did: the ids of the orders placed, in order, how many webhook deliveries (redeliveries and
 * duplicate creates included) got a 2xx or were given up, and how many orders the storefront refused because a line
 * asked for more than it showed in stock. {@code risky} is the truth of a checkout with {@code risk}: each risky
 * order's id and pattern, in the order placed (empty without {@code risk}).
 */
public record CheckoutResult(List<String> orders, int delivered, int failed, int refused,
                             Map<String, RiskPattern> risky) {

    public CheckoutResult {
        risky = risky == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(risky));
    }

    /** A checkout without risky orders. */
    public CheckoutResult(List<String> orders, int delivered, int failed, int refused) {
        this(orders, delivered, failed, refused, Map.of());
    }
}
