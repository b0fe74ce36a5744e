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
 */
public final class ReservationStore {

    private static final char SEPARATOR = '\u0001';
    private static final StringSerializer PREFIX = new StringSerializer();

    private final KeyValueStore<String, ItemReservations.Reservation> store;

    public ReservationStore(KeyValueStore<String, ItemReservations.Reservation> store) {
        this.store = store;
    }

    public ItemReservations load(String item) {
        Map<String, ItemReservations.Reservation> byOrder = new HashMap<>();
        String prefix = item + SEPARATOR;
        try (KeyValueIterator<String, ItemReservations.Reservation> entries = store.prefixScan(prefix, PREFIX)) {
            while (entries.hasNext()) {
                KeyValue<String, ItemReservations.Reservation> entry = entries.next();
                byOrder.put(entry.key.substring(prefix.length()), entry.value);
            }
        }
        return byOrder.isEmpty() ? ItemReservations.none() : new ItemReservations(byOrder);
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
