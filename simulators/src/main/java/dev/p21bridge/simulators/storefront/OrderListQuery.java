package dev.p21bridge.simulators.storefront;

import java.time.Instant;
import java.util.Comparator;

/**
 * One page of a storefront's order list, as both real APIs offer it: sorted by creation or last change, newest or
 * oldest first, filtered by the creation date only (X-Cart 5.5 has no "changed since" filter), at most
 * {@link #MAX_PER_PAGE} a page.
 *
 * @param createdFrom  earliest creation time listed (inclusive), or null
 * @param createdUntil latest creation time listed (inclusive), or null
 * @param page         1 for the first page
 */
public record OrderListQuery(SortBy sortBy, boolean descending, Instant createdFrom, Instant createdUntil, int page,
                             int perPage) {

    /** The most a page holds, as X-Cart's API Platform caps {@code itemsPerPage}. */
    public static final int MAX_PER_PAGE = 100;

    /** What the list is sorted by; ties are broken by order number, in the same direction. */
    public enum SortBy {
        CREATED, LAST_CHANGE
    }

    public OrderListQuery {
        if (page < 1) {
            throw new IllegalArgumentException("page must be at least 1, got " + page);
        }
        if (perPage < 1 || perPage > MAX_PER_PAGE) {
            throw new IllegalArgumentException("a page holds 1 to " + MAX_PER_PAGE + " orders, got " + perPage);
        }
    }

    boolean accepts(Order order) {
        return (createdFrom == null || !order.created().isBefore(createdFrom))
                && (createdUntil == null || !order.created().isAfter(createdUntil));
    }

    Comparator<Order> order() {
        Comparator<Order> by = Comparator.comparing(sortBy == SortBy.CREATED ? Order::created : Order::updated);
        by = by.thenComparingLong(Order::number);
        return descending ? by.reversed() : by;
    }
}
