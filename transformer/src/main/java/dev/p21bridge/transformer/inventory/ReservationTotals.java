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
 * @param confirmedIndexed every confirmed reservation counted here is in the confirmation index, so a reading may
 *                         look there for what it releases; false in state written before the index was kept (JSON
 *                         without the field), until the item's next full read writes the index
 */
public record ReservationTotals(int count, BigDecimal reserved, long oldestReservedAt, boolean confirmedIndexed) {

    public static final ReservationTotals NONE = new ReservationTotals(0, BigDecimal.ZERO.setScale(4), Long.MAX_VALUE, true);

    ReservationTotals plus(ItemReservations.Reservation reservation) {
        return new ReservationTotals(count + 1, reserved.add(reservation.quantity()),
                Math.min(oldestReservedAt, reservation.reservedAt()), confirmedIndexed);
    }

    /**
     * Without one of the reservations counted here; the lower bound of the others stays a lower bound, and so does
     * the index flag (the one taken out may be confirmed and not indexed, and may be put back).
     */
    ReservationTotals minus(ItemReservations.Reservation reservation) {
        return count == 1 ? new ReservationTotals(0, NONE.reserved(), Long.MAX_VALUE, confirmedIndexed)
                : new ReservationTotals(count - 1, reserved.subtract(reservation.quantity()), oldestReservedAt,
                        confirmedIndexed);
    }

    /** Whether a reservation counted here may have been made before {@code cutoff}. */
    boolean mayHoldBefore(long cutoff) {
        return count > 0 && oldestReservedAt < cutoff;
    }
}
