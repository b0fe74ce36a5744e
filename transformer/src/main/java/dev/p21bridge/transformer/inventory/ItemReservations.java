package dev.p21bridge.transformer.inventory;

import dev.p21bridge.schemas.Source;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * The open reservations of one item, by order key. A reservation holds stock from the moment the storefront order
 * reaches the bridge until a P21 reading contains the order's allocation, so the stock is never counted twice and
 * never missing in between.
 *
 * <p>A view may be partial: {@code byOrder} then holds only the reservations read (the one order an input is about)
 * and {@code others} the totals of the rest, so that {@link #reserved()} is still the item's whole reservation
 * while an order costs the same whatever the number of open orders of its item. A partial view is only made when
 * none of the others can have expired ({@link ReservationStore#loadOne}); none of them can be released by a reading
 * the item's stock already holds either, because every reading and every confirmation releases what it contains.
 *
 * @param others the reservations not in {@code byOrder}; {@link ReservationTotals#NONE} in a full view
 */
public record ItemReservations(Map<String, Reservation> byOrder, ReservationTotals others) {

    /**
     * @param reservedAt  when the bridge received the order, epoch millis
     * @param confirmedAt from when P21 readings contain the order's allocation (P21's clock: its status or creation
     *                    time), epoch millis; null until P21 is known to have the order
     */
    public record Reservation(BigDecimal quantity, long reservedAt, Long confirmedAt, Source source, String eventId) {

        Reservation confirmed(long at) {
            return confirmedAt != null ? this : new Reservation(quantity, reservedAt, at, source, eventId);
        }

        /** P21 had allocated the order by {@code readingAt}, so a reading modified then already contains it. */
        boolean containedIn(long readingAt) {
            return confirmedAt != null && readingAt >= confirmedAt;
        }
    }

    public ItemReservations {
        byOrder = Map.copyOf(byOrder);
        others = Objects.requireNonNull(others, "others");
    }

    /** A full view: every open reservation of the item. */
    public ItemReservations(Map<String, Reservation> byOrder) {
        this(byOrder, ReservationTotals.NONE);
    }

    public static ItemReservations none() {
        return new ItemReservations(Map.of());
    }

    public boolean holdsNothing() {
        return byOrder.isEmpty() && others.count() == 0;
    }

    /** Whether the order holds a reservation; in a partial view, asked only of the order it was read for. */
    public boolean holds(String orderKey) {
        return byOrder.containsKey(orderKey);
    }

    public BigDecimal reserved() {
        return byOrder.values().stream().map(Reservation::quantity).reduce(others.reserved(), BigDecimal::add);
    }

    /** The totals of every open reservation of the item, read or not. */
    public ReservationTotals totals() {
        ReservationTotals totals = others;
        for (Reservation reservation : byOrder.values()) {
            totals = totals.plus(reservation);
        }
        return totals;
    }

    public ItemReservations reserve(InventoryInput.Reserve reserve) {
        Map<String, Reservation> next = new HashMap<>(byOrder);
        next.putIfAbsent(reserve.orderKey(), new Reservation(reserve.quantity(), reserve.orderTime(), null,
                reserve.source(), reserve.eventId()));
        return new ItemReservations(next, others);
    }

    public ItemReservations confirm(String orderKey, long confirmedAt) {
        Map<String, Reservation> next = new HashMap<>(byOrder);
        next.computeIfPresent(orderKey, (key, reservation) -> reservation.confirmed(confirmedAt));
        return new ItemReservations(next, others);
    }

    /** Without the confirmed reservations that a reading modified at {@code readingAt} already contains. */
    public ItemReservations releasedBy(long readingAt) {
        return without(reservation -> reservation.containedIn(readingAt));
    }

    /** Without the reservations made before {@code cutoff}: the safety net when no confirmation or reading came. */
    public ItemReservations expiredBefore(long cutoff) {
        if (others.mayHoldBefore(cutoff)) {
            throw new IllegalStateException("a partial view cannot expire the reservations it has not read");
        }
        return without(reservation -> reservation.reservedAt() < cutoff);
    }

    private ItemReservations without(Predicate<Reservation> released) {
        Map<String, Reservation> next = new HashMap<>(byOrder);
        next.values().removeIf(released);
        return next.size() == byOrder.size() ? this : new ItemReservations(next, others);
    }
}
