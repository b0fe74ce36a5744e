package dev.p21bridge.transformer.risk;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;

/**
 * Who ordered with what in the last day, per e-mail, card fingerprint, IP and shipping address of a store: per key,
 * the most recent orders as (time, e-mail hash, card hash), newest first, in a hash map of the scoring task, rebuilt
 * from {@link SightingsLog} when the task starts. One read and one write per key and order:
 * a window store's fetch over a day walks every order's own time bucket, which cost the transformer several times
 * its CPU per order. The hashes are enough to count orders, distinct buyers and distinct cards, and nothing a person
 * could read back. The month-long signals are {@link BuyerHistory}'s.
 *
 * <p>A key keeps only as many orders as the rules' thresholds need (twice the largest, at most {@value #MOST_KEPT}),
 * so a busy key (an office IP, a warehouse address) costs no more than a quiet one; a count past that reads as that.
 * Entries older than {@link #MEMORY} are dropped when their key is next written, and keys with nothing younger by
 * {@link #forgetIdle}, which the processor runs every few minutes: the store holds a day's keys.
 */
final class Sightings {

    /** How long sightings are kept: the velocity windows of the rules are cut to it. */
    static final Duration MEMORY = Duration.ofDays(1);
    /** Entries kept per key at most. */
    static final int MOST_KEPT = 500;
    private static final int ENTRY = 3 * Long.BYTES;

    enum Dimension {
        EMAIL("e"), CARD("c"), IP("i"), ADDRESS("a");

        private final String code;

        Dimension(String code) {
            this.code = code;
        }
    }

    /**
     * The counts of one key, this order included.
     *
     * @param recentOrders orders in the recent window
     * @param dayOrders    orders in the day window
     * @param recentCards  distinct cards in the recent window
     * @param recentEmails distinct e-mails in the recent window
     * @param dayEmails    distinct e-mails in the day window
     */
    record Counts(int recentOrders, int dayOrders, int recentCards, int recentEmails, int dayEmails) {
    }

    private final Map<String, byte[]> store;

    /** @param store the counts, in memory: rebuilt from {@link SightingsLog} when a task starts */
    Sightings(Map<String, byte[]> store) {
        this.store = store;
    }

    static String key(String storeName, Dimension dimension, String value) {
        return storeName + '\u0001' + dimension.code + '\u0001' + value;
    }

    /**
     * The counts of {@code key} in the windows ending at {@code at}, with this order (its e-mail and card hashes, card
     * 0 for none); then records the order, keeping at most {@code depth} entries younger than {@link #MEMORY}.
     */
    Counts countAndRecord(String key, long email, long card, Instant at, Duration recent, Duration day, int depth) {
        long now = at.toEpochMilli();
        long recentFrom = now - recent.toMillis();
        long dayFrom = now - day.toMillis();
        long keptFrom = now - MEMORY.toMillis();
        int kept = Math.max(1, Math.min(depth, MOST_KEPT));
        int recentOrders = 1;
        int dayOrders = 1;
        byte[] stored = store.get(key);
        int entries = stored == null ? 1 : 1 + stored.length / ENTRY;
        // distinct values are counted by sorting plain arrays: a set of boxed longs per key and order cost a quarter
        // of the counting
        Distinct recentCards = new Distinct(entries);
        Distinct recentEmails = new Distinct(entries);
        Distinct dayEmails = new Distinct(entries);
        if (card != 0) {
            recentCards.add(card);
        }
        recentEmails.add(email);
        dayEmails.add(email);
        // no more than the entries there are: the depth may be hundreds where a key has seen a few orders
        ByteBuffer written = ByteBuffer.allocate(Math.min(kept, entries) * ENTRY);
        written.putLong(now).putLong(email).putLong(card);
        if (stored != null) {
            ByteBuffer older = ByteBuffer.wrap(stored);
            while (older.remaining() >= ENTRY) {
                long time = older.getLong();
                long otherEmail = older.getLong();
                long otherCard = older.getLong();
                if (time < keptFrom) {
                    break; // newest first: the rest are older still
                }
                if (time >= dayFrom) {
                    dayOrders++;
                    dayEmails.add(otherEmail);
                }
                if (time >= recentFrom) {
                    recentOrders++;
                    recentEmails.add(otherEmail);
                    if (otherCard != 0) {
                        recentCards.add(otherCard);
                    }
                }
                if (written.remaining() >= ENTRY) {
                    written.putLong(time).putLong(otherEmail).putLong(otherCard);
                }
            }
        }
        byte[] value = written.array();
        if (written.position() < value.length) {
            value = new byte[written.position()];
            System.arraycopy(written.array(), 0, value, 0, value.length);
        }
        store.put(key, value);
        return new Counts(recentOrders, dayOrders, recentCards.count(), recentEmails.count(), dayEmails.count());
    }

    /** Deletes the keys whose newest order is older than {@link #MEMORY} before {@code now}; answers how many. */
    int forgetIdle(Instant now) {
        long keptFrom = now.toEpochMilli() - MEMORY.toMillis();
        int before = store.size();
        store.values().removeIf(value -> value == null || value.length < Long.BYTES
                || ByteBuffer.wrap(value).getLong() < keptFrom);
        return before - store.size();
    }

    /** Hashes seen under one key, counted once each. */
    private static final class Distinct {

        private final long[] values;
        private int size;

        Distinct(int capacity) {
            this.values = new long[capacity];
        }

        void add(long value) {
            values[size++] = value;
        }

        int count() {
            if (size < 2) {
                return size;
            }
            Arrays.sort(values, 0, size);
            int distinct = 1;
            for (int i = 1; i < size; i++) {
                if (values[i] != values[i - 1]) {
                    distinct++;
                }
            }
            return distinct;
        }
    }

    /** 64-bit FNV-1a: distinct values stay distinct for counting, and the value cannot be read back; never 0. */
    static long hash(String text) {
        long hash = 0xcbf29ce484222325L;
        for (int i = 0; i < text.length(); i++) {
            hash ^= text.charAt(i);
            hash *= 0x100000001b3L;
        }
        return hash == 0 ? 1 : hash;
    }
}
