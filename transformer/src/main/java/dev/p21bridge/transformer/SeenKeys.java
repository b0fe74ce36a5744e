package dev.p21bridge.transformer;

import java.time.Duration;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Keys seen within a retention, for the dedup processors. They live in a window store, which drops whole segments
 * when they age out instead of scanning for old keys; a key counts as seen if it was stored within the retention
 * before or after the record's time (records of one partition arrive roughly, not strictly, in time order).
 */
final class SeenKeys {

    private final WindowStore<String, Long> store;
    private final long retentionMillis;

    SeenKeys(WindowStore<String, Long> store, Duration retention) {
        this.store = store;
        this.retentionMillis = retention.toMillis();
    }

    boolean contains(String key, long time) {
        try (WindowStoreIterator<Long> earlier = store.fetch(key, time - retentionMillis, time + retentionMillis)) {
            return earlier.hasNext();
        }
    }

    void add(String key, long time) {
        store.put(key, time, time);
    }

    /** Adds the key unless it was seen; true if it was new. */
    boolean addIfAbsent(String key, long time) {
        if (contains(key, time)) {
            return false;
        }
        add(key, time);
        return true;
    }
}
