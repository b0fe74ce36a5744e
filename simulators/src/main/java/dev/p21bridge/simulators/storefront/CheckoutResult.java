package dev.p21bridge.simulators.storefront;

import java.util.List;

/**
 * What one checkout did: the ids of the orders placed, in order, how many webhook deliveries (redeliveries and
 * duplicate creates included) got a 2xx or were given up, and how many orders the storefront refused because a line
 * asked for more than it showed in stock.
 */
public record CheckoutResult(List<String> orders, int delivered, int failed, int refused) {
}
