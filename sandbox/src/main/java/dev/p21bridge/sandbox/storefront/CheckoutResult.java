package dev.p21bridge.sandbox.storefront;

import java.util.List;

/**
 * What one checkout did: the ids of the orders placed, in order, and how many webhook deliveries (redeliveries and
 * duplicate creates included) got a 2xx or were given up.
 */
public record CheckoutResult(List<String> orders, int delivered, int failed) {
}
