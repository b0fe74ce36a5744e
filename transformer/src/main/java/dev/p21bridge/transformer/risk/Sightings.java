package dev.p21bridge.transformer.risk;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Who ordered with what in the last day, per e-mail, card fingerprint, IP and shipping address of a store: one entry
 * per order in an in-memory window store ({@link RiskProcessor#SIGHTINGS}, restored from its changelog at start)
 * that drops entries older than {@link #MEMORY}, so the state is bounded by a day's orders, not by a clean-up job. An
 * entry holds hashes of the order's e-mail and card, enough to count orders, distinct buyers and distinct cards, and
 * nothing a person could read back. The month-long signals are {@link BuyerHistory}'s.
 *
 * <p>A key is read newest first and only as deep as the rules need: twice the largest threshold of its signals, at most
 * {@value #MOST_READ} entries. The counts are compared with thresholds of a few, so a busy key (an office IP, a
 * warehouse address) costs no more than a quiet one; a count past the depth reads as the depth.
 */
final class Sightings {

    /** How long sightings are kept: the velocity windows of the rules are cut to it. */
    static final Duration MEMORY = Duration.ofDays(1);
    /** Entries read per key and order at most. */
    static final int MOST_READ = 500;

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
     * @param recentOrders   orders in the recent window
     * @param dayOrders      orders in the day window
     * @param recentCards    distinct cards in the recent window
     * @param recentEmails   distinct e-mails in the recent window
     * @param dayEmails      distinct e-mails in the day window
     */
    record Counts(int recentOrders, int dayOrders, int recentCards, int recentEmails, int dayEmails) {
    }

    private final WindowStore<String, String> store;

    Sightings(WindowStore<String, String> store) {
        this.store = store;
    }

    static String key(String storeName, Dimension dimension, String value) {
        return storeName + '\u0001' + dimension.code + '\u0001' + value;
    }

    /** The entry of an order: hashes of its e-mail and card (empty without one). */
    static String entry(String email, String card) {
        return hash(email) + "|" + (card == null ? "" : hash(card));
    }

    /** The counts of {@code key} in the windows ending at {@code at}, with the order whose entry is {@code own}. */
    Counts count(String key, String own, Instant at, Duration recent, Duration day, int depth) {
        long now = at.toEpochMilli();
        long recentFrom = now - recent.toMillis();
        long dayFrom = now - day.toMillis();
        String ownEmail = own.substring(0, own.indexOf('|'));
        String ownCard = own.substring(own.indexOf('|') + 1);
        int recentOrders = 1;
        int dayOrders = 1;
        Set<String> recentCards = new HashSet<>();
        Set<String> recentEmails = new HashSet<>();
        Set<String> dayEmails = new HashSet<>();
        addCard(recentCards, ownCard);
        recentEmails.add(ownEmail);
        dayEmails.add(ownEmail);
        try (WindowStoreIterator<String> entries = store.backwardFetch(key, Instant.ofEpochMilli(dayFrom),
                Instant.ofEpochMilli(now))) {
            int read = 0;
            int most = Math.min(depth, MOST_READ);
            while (entries.hasNext() && read++ < most) {
                KeyValue<Long, String> sighting = entries.next();
                long time = sighting.key;
                String value = sighting.value;
                int bar = value.indexOf('|');
                String email = value.substring(0, bar);
                String card = value.substring(bar + 1);
                if (time >= dayFrom) {
                    dayOrders++;
                    dayEmails.add(email);
                }
                if (time >= recentFrom) {
                    recentOrders++;
                    recentEmails.add(email);
                    addCard(recentCards, card);
                }
            }
        }
        return new Counts(recentOrders, dayOrders, recentCards.size(), recentEmails.size(), dayEmails.size());
    }

    void record(String key, String entry, Instant at) {
        store.put(key, entry, at.toEpochMilli());
    }

    private static void addCard(Set<String> cards, String card) {
        if (!card.isEmpty()) {
            cards.add(card);
        }
    }

    /** 64-bit FNV-1a in hex: distinct values stay distinct for counting, and the value cannot be read back. */
    static String hash(String text) {
        long hash = 0xcbf29ce484222325L;
        for (int i = 0; i < text.length(); i++) {
            hash ^= text.charAt(i);
            hash *= 0x100000001b3L;
        }
        return Long.toHexString(hash);
    }
}
