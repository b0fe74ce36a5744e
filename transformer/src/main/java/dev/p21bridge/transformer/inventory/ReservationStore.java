package dev.p21bridge.transformer.inventory;

import java.util.HashMap;
import java.util.LinkedHashSet;
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
 */
public final class ReservationStore {

    private static final char SEPARATOR = '\u0001';
    private static final StringSerializer PREFIX = new StringSerializer();

    private final KeyValueStore<String, ItemReservations.Reservation> store;
    private final KeyValueStore<String, ReservationTotals> totals;

    public ReservationStore(KeyValueStore<String, ItemReservations.Reservation> store,
                            KeyValueStore<String, ReservationTotals> totals) {
        this.store = store;
        this.totals = totals;
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

    /** Every open reservation of the item; also repairs the item's totals when they are missing or off. */
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
        if (!exact.equals(stored == null ? ReservationTotals.NONE : stored)) {
            writeTotals(item, exact);
        }
        return loaded;
    }

    /** Writes only what changed between {@code before} and {@code after}. */
    public void save(String item, ItemReservations before, ItemReservations after) {
        for (String order : before.byOrder().keySet()) {
            if (!after.byOrder().containsKey(order)) {
                store.delete(item + SEPARATOR + order);
            }
        }
        after.byOrder().forEach((order, reservation) -> {
            if (!reservation.equals(before.byOrder().get(order))) {
                store.put(item + SEPARATOR + order, reservation);
            }
        });
        ReservationTotals next = after.totals();
        if (!next.equals(before.totals())) {
            writeTotals(item, next);
        }
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
