package dev.p21bridge.simulators.storefront;

import java.util.List;

/** A page of the order list and how many orders the whole list (all pages) holds. */
public record OrderListPage(List<Order> orders, int total) {

    public OrderListPage {
        orders = List.copyOf(orders);
    }
}
