package dev.p21bridge.ingress.poll;

import java.io.IOException;
import java.time.Instant;
import java.util.List;

/**
 * A store's order list, newest change first, {@link #PAGE_SIZE} a page: what neither X-Cart 5.5 nor Clarity can do
 * is filter on the last change, so a poller pages down until it passes the change it saw last.
 */
interface StoreOrderList extends AutoCloseable {

    /** The most orders X-Cart 5.5 answers in a page, used for both stores. */
    int PAGE_SIZE = 100;

    /** Page {@code page} (from 1); fewer than {@link #PAGE_SIZE} orders means it was the last. */
    List<ListedOrder> page(int page) throws IOException, InterruptedException;

    /**
     * Page {@code page} (from 1) of the orders created at or after {@code from}, oldest creation first: the order
     * history a backfill reads. Both stores filter on the creation date, so new orders only add pages at the end.
     */
    List<ListedOrder> createdSince(Instant from, int page) throws IOException, InterruptedException;

    @Override
    default void close() {
    }
}
