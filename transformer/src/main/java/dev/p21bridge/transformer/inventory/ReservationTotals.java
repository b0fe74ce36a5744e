package dev.p21bridge.transformer.inventory;

import java.math.BigDecimal;

/**
 * What the open reservations of one item add up to, kept beside them so that an order touching one reservation
 * does not read all the others: a hot item holds tens of thousands within the time to live.
 *
 * @param count            how many reservations are open
 * @param reserved         the sum of their quantities
 * @param oldestReservedAt no reservation was made before this, epoch millis; a lower bound, exact after a full read
 *                         ({@link Long#MAX_VALUE} when none is open), so "nothing can have expired" is never wrong
 */
public record ReservationTotals(int count, BigDecimal reserved, long oldestReservedAt) {

    public static final ReservationTotals NONE = new ReservationTotals(0, BigDecimal.ZERO.setScale(4), Long.MAX_VALUE);

    ReservationTotals plus(ItemReservations.Reservation reservation) {
        return new ReservationTotals(count + 1, reserved.add(reservation.quantity()),
                Math.min(oldestReservedAt, reservation.reservedAt()));
    }

    /** Without one of the reservations counted here; the lower bound of the others stays a lower bound. */
    ReservationTotals minus(ItemReservations.Reservation reservation) {
        return count == 1 ? NONE : new ReservationTotals(count - 1, reserved.subtract(reservation.quantity()), oldestReservedAt);
    }

    /** Whether a reservation counted here may have been made before {@code cutoff}. */
    boolean mayHoldBefore(long cutoff) {
        return count > 0 && oldestReservedAt < cutoff;
    }
}
