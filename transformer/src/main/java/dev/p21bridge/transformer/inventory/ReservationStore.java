package dev.p21bridge.transformer.inventory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The open reservations, one store entry per item and order ({@code <item>\u0001<order key>}), not one growing
 * value per item: a hot item with tens of thousands of open orders would otherwise outgrow Kafka's record limit in
 * the changelog and stop the stream, and every order would re-serialize all the others.
 *
 * <p>Beside them, per item, their {@link ReservationTotals}, so that a new order or a confirmation reads one entry
 * and the totals instead of scanning every open reservation of its item (which made the transformer's cost per
 * order grow with the open orders of a hot item). The totals are rewritten exactly whenever all reservations of an
 * item are read; an item without totals (state written before they were kept) is read in full once.
 *
 * <p>And an index of the confirmed reservations by confirmation time ({@code <item>\u0001<confirmed at, 19
 * digits>\u0001<order key>}), so that a P21 reading reads just the reservations it releases: those confirmed at or
 * before it was modified. Reading them all for every reading of a hot item was 40 % of the transformer's stream
 * thread at 300 orders/s end to end (docs/benchmarks.md, end to end). Each reservation enters the index once and leaves
 * it once, so a reading costs what it releases, not what is open.
 */
public final class ReservationStore {

    private static final char SEPARATOR = '\u0001';
    private static final StringSerializer PREFIX = new StringSerializer();

    private final KeyValueStore<String, ItemReservations.Reservation> store;
    private final KeyValueStore<String, ReservationTotals> totals;
    private final KeyValueStore<String, String> confirmed;

    /** @param confirmed the confirmation index; its values are the order keys */
    public ReservationStore(KeyValueStore<String, ItemReservations.Reservation> store,
                            KeyValueStore<String, ReservationTotals> totals, KeyValueStore<String, String> confirmed) {
        this.store = store;
        this.totals = totals;
        this.confirmed = confirmed;
    }

    /**
     * A partial view of the item's reservations: the order's own, if open, and the totals of the others; null when
     * the view would not do and the caller must {@link #load} them all: one of them may have expired by
     * {@code expiryCutoff}, or the item has no totals yet.
     */
    public ItemReservations loadOne(String item, String orderKey, long expiryCutoff) {
        ReservationTotals all = totals.get(item);
        if (all == null || all.mayHoldBefore(expiryCutoff)) {
            return null;
        }
        ItemReservations.Reservation own = store.get(item + SEPARATOR + orderKey);
        return own == null ? new ItemReservations(Map.of(), all)
                : new ItemReservations(Map.of(orderKey, own), all.minus(own));
    }

    /**
     * A partial view of the item's reservations for a P21 reading modified at {@code readingAt}: the confirmed ones
     * it may release, and the totals of the others. Null when the view would not do and the caller must
     * {@link #load} them all: one of them may have expired by {@code expiryCutoff}, the item has no totals yet, or
     * its index is not known to be complete.
     */
    public ItemReservations loadReleasable(String item, long readingAt, long expiryCutoff) {
        ReservationTotals all = totals.get(item);
        if (all == null || !all.confirmedIndexed() || all.mayHoldBefore(expiryCutoff)) {
            return null;
        }
        Map<String, ItemReservations.Reservation> releasable = new HashMap<>();
        List<String> leftBehind = new ArrayList<>();
        ReservationTotals others = all;
        String prefix = item + SEPARATOR;
        try (KeyValueIterator<String, String> entries = confirmed.prefixScan(prefix, PREFIX)) {
            while (entries.hasNext()) {
                KeyValue<String, String> entry = entries.next();
                if (confirmedAt(entry.key, prefix.length()) > readingAt) {
                    break;
                }
                ItemReservations.Reservation reservation = store.get(prefix + entry.value);
                if (reservation == null) {
                    leftBehind.add(entry.key);
                    continue;
                }
                releasable.put(entry.value, reservation);
                others = others.minus(reservation);
            }
        }
        // never expected; dropped after the scan, as a store must not change under its own open iterator
        leftBehind.forEach(confirmed::delete);
        return new ItemReservations(releasable, others);
    }

    /** Every open reservation of the item; also repairs the item's totals and index when they are missing or off. */
    public ItemReservations load(String item) {
        Map<String, ItemReservations.Reservation> byOrder = new HashMap<>();
        String prefix = item + SEPARATOR;
        try (KeyValueIterator<String, ItemReservations.Reservation> entries = store.prefixScan(prefix, PREFIX)) {
            while (entries.hasNext()) {
                KeyValue<String, ItemReservations.Reservation> entry = entries.next();
                byOrder.put(entry.key.substring(prefix.length()), entry.value);
            }
        }
        ItemReservations loaded = byOrder.isEmpty() ? ItemReservations.none() : new ItemReservations(byOrder);
        ReservationTotals exact = loaded.totals();
        ReservationTotals stored = totals.get(item);
        if (stored == null || !stored.confirmedIndexed()) {
            byOrder.forEach((order, reservation) -> {
                if (reservation.confirmedAt() != null) {
                    confirmed.put(indexKey(item, reservation.confirmedAt(), order), order);
                }
            });
        }
        if (!exact.equals(stored == null ? ReservationTotals.NONE : stored)) {
            writeTotals(item, exact);
        }
        return loaded;
    }

    /** Writes only what changed between {@code before} and {@code after}. */
    public void save(String item, ItemReservations before, ItemReservations after) {
        before.byOrder().forEach((order, reservation) -> {
            if (!after.byOrder().containsKey(order)) {
                store.delete(item + SEPARATOR + order);
                if (reservation.confirmedAt() != null) {
                    confirmed.delete(indexKey(item, reservation.confirmedAt(), order));
                }
            }
        });
        after.byOrder().forEach((order, reservation) -> {
            ItemReservations.Reservation earlier = before.byOrder().get(order);
            if (!reservation.equals(earlier)) {
                store.put(item + SEPARATOR + order, reservation);
                if (reservation.confirmedAt() != null && (earlier == null || earlier.confirmedAt() == null)) {
                    confirmed.put(indexKey(item, reservation.confirmedAt(), order), order);
                }
            }
        });
        ReservationTotals next = after.totals();
        if (!next.equals(before.totals())) {
            writeTotals(item, next);
        }
    }

    /** Sorts by confirmation time within the item; epoch millis fit in 19 digits (a negative one counts as 0). */
    private static String indexKey(String item, long confirmedAt, String order) {
        String digits = Long.toString(Math.max(0, confirmedAt));
        return item + SEPARATOR + "0".repeat(19 - digits.length()) + digits + SEPARATOR + order;
    }

    private static long confirmedAt(String indexKey, int from) {
        return Long.parseLong(indexKey, from, from + 19, 10);
    }

    private void writeTotals(String item, ReservationTotals next) {
        if (next.count() == 0) {
            totals.delete(item);
        } else {
            totals.put(item, next);
        }
    }

    /** The items holding a reservation made before {@code cutoff}. */
    public Set<String> itemsReservedBefore(long cutoff) {
        Set<String> items = new LinkedHashSet<>();
        try (KeyValueIterator<String, ItemReservations.Reservation> all = store.all()) {
            while (all.hasNext()) {
                KeyValue<String, ItemReservations.Reservation> entry = all.next();
                if (entry.value.reservedAt() < cutoff) {
                    items.add(entry.key.substring(0, entry.key.indexOf(SEPARATOR)));
                }
            }
        }
        return items;
    }
}
