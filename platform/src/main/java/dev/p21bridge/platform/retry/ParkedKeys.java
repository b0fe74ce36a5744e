package dev.p21bridge.platform.retry;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * The records of each key that wait in retry topics, ordered by their offset in the origin topic, with the retry
 * level each one sits at. A sink where order matters asks {@link #before} for every record: while an earlier record
 * of its key waits in retry, the later one must not go to the target but queue behind it ({@link RetryRouter#behind}).
 * A sink where only the latest record counts can use the same bookkeeping to drop what a later record superseded.
 *
 * <p>Keep one instance per assignment of one origin partition (the keys of a partition live in that partition
 * only, in the origin topic and, by {@link RetryRouter}'s choice of partition, in every retry topic), and rebuild it
 * from the unconsumed retry records on assignment ({@link RetryBacklog}). Late work of an old assignment then writes
 * into an instance nobody reads any more. Thread-safe.
 */
public final class ParkedKeys {

    /** A record in retry: its origin offset and its current level. */
    public record Parked(long originOffset, int level) {
    }

    private final Map<String, TreeMap<Long, Integer>> byKey = new HashMap<>();

    /** The record of {@code key} at {@code originOffset} now waits at {@code level} (added, or moved up). */
    public synchronized void park(String key, long originOffset, int level) {
        byKey.computeIfAbsent(key, k -> new TreeMap<>()).merge(originOffset, level, Math::max);
    }

    /** The record's outcome is durable; it waits no more. */
    public synchronized void release(String key, long originOffset) {
        TreeMap<Long, Integer> records = byKey.get(key);
        if (records != null) {
            records.remove(originOffset);
            if (records.isEmpty()) {
                byKey.remove(key);
            }
        }
    }

    /**
     * The highest level at which an earlier record of {@code key} (origin offset below {@code originOffset}) waits;
     * empty when none does and the record may go to the target. A record that must wait goes to this level: behind
     * every earlier record of its key that is already there, and reached again (and moved on) before the others
     * can arrive behind it.
     */
    public synchronized OptionalInt highestLevelBefore(String key, long originOffset) {
        TreeMap<Long, Integer> records = byKey.get(key);
        if (records == null) {
            return OptionalInt.empty();
        }
        return records.headMap(originOffset, false).values().stream().mapToInt(Integer::intValue).max();
    }

    /** The earliest record of {@code key} in retry, if any. */
    public synchronized Optional<Parked> first(String key) {
        TreeMap<Long, Integer> records = byKey.get(key);
        return records == null || records.isEmpty() ? Optional.empty()
                : Optional.of(new Parked(records.firstKey(), records.firstEntry().getValue()));
    }

    public synchronized boolean isParked(String key) {
        return byKey.containsKey(key);
    }

    /** Keys with at least one record in retry. */
    public synchronized int keys() {
        return byKey.size();
    }
}
