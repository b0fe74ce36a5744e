package dev.p21bridge.transformer.risk;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The one record per new order that the risk history writes to Kafka ({@link RiskProcessor#SIGHTINGS_LOG}, a RocksDB
 * store with a changelog): the order's {@link Sighting} under its time. The history it is compared with (per e-mail,
 * card, IP and address, per buyer, the store's order values, each item's quantities) lives in the scorer's memory
 * without a changelog and is rebuilt from this log when a task starts. Writing those six to ten keys per order to
 * changelogs (compressed, appended by the broker) cost more than the scoring itself; one record of one or two hundred
 * bytes costs a fraction of it.
 *
 * <p>Keys are the order's time in epoch millis, zero-padded to 13 digits, then {@code |} and the order key: RocksDB
 * keeps them in time order, so the log replays in the order the orders were scored, and what is older than the
 * history is one range to delete.
 */
final class SightingsLog {

    private final KeyValueStore<String, byte[]> store;

    SightingsLog(KeyValueStore<String, byte[]> store) {
        this.store = store;
    }

    void append(Instant at, String orderKey, Sighting sighting) {
        store.put(timeKey(at.toEpochMilli()) + '|' + orderKey, sighting.toBytes());
    }

    /** Hands every sighting to {@code replay} with its time, oldest first; answers how many. */
    int replay(BiConsumer<Instant, Sighting> replay) {
        int count = 0;
        try (KeyValueIterator<String, byte[]> all = store.all()) {
            while (all.hasNext()) {
                KeyValue<String, byte[]> entry = all.next();
                Sighting sighting = Sighting.fromBytes(entry.value);
                long time = timeOf(entry.key);
                if (sighting != null && time >= 0) {
                    replay.accept(Instant.ofEpochMilli(time), sighting);
                    count++;
                }
            }
        }
        return count;
    }

    /** Deletes the sightings older than {@code cutoff}; answers how many. */
    int forgetBefore(Instant cutoff) {
        List<String> old = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> range = store.range(null, timeKey(cutoff.toEpochMilli()))) {
            while (range.hasNext()) {
                old.add(range.next().key);
            }
        }
        old.forEach(store::delete);
        return old.size();
    }

    private static String timeKey(long millis) {
        String digits = Long.toString(Math.max(0, millis));
        return "0".repeat(Math.max(0, 13 - digits.length())) + digits;
    }

    private static long timeOf(String key) {
        int bar = key.indexOf('|');
        try {
            return Long.parseLong(bar < 0 ? key : key.substring(0, bar));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
