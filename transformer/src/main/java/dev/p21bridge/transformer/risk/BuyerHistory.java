package dev.p21bridge.transformer.risk;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The long memory of the risk scoring, for the two signals that look back a month rather than minutes: when each
 * buyer (e-mail) of a store last ordered, so a first order is known as one; and which buyers shipped to each
 * address lately, at most {@value #BUYERS_KEPT} per address, so a reshipper's address shows its many buyers. A hash
 * map of the scoring task: a lookup and a write per order instead of a scan of a month of sightings.
 *
 * <p>Bounded by the buyers and addresses of the orders the task rebuilt it from, those of {@code BRIDGE_RISK_HISTORY}
 * ({@link SightingsLog}); a buyer seen within it counts as known.
 */
final class BuyerHistory {

    static final int BUYERS_KEPT = 16;
    private static final int ENTRY = 2 * Long.BYTES;

    private final Map<String, byte[]> store;

    /** @param store the history, in memory: rebuilt from {@link SightingsLog} when a task starts */
    BuyerHistory(Map<String, byte[]> store) {
        this.store = store;
    }

    /** Whether the buyer ordered within {@code history} before {@code at}; records this order either way. */
    boolean knownBuyer(String buyerKey, Instant at, Duration history) {
        byte[] last = store.get(buyerKey);
        store.put(buyerKey, ByteBuffer.allocate(Long.BYTES).putLong(at.toEpochMilli()).array());
        return last != null && last.length == Long.BYTES
                && ByteBuffer.wrap(last).getLong() >= at.toEpochMilli() - history.toMillis();
    }

    /**
     * The distinct buyers who shipped to the address within {@code history}, this order's buyer included; records
     * this order's buyer (keeping the most recent {@value #BUYERS_KEPT}).
     */
    int buyersOfAddress(String addressKey, long buyer, Instant at, Duration history) {
        long now = at.toEpochMilli();
        long since = now - history.toMillis();
        byte[] bytes = store.get(addressKey);
        ByteBuffer kept = ByteBuffer.allocate(BUYERS_KEPT * ENTRY);
        kept.putLong(buyer).putLong(now);
        int buyers = 1;
        if (bytes != null) {
            ByteBuffer entries = ByteBuffer.wrap(bytes);
            while (entries.remaining() >= ENTRY && buyers < BUYERS_KEPT) {
                long other = entries.getLong();
                long seen = entries.getLong();
                if (other != buyer && seen >= since) {
                    kept.putLong(other).putLong(seen);
                    buyers++;
                }
            }
        }
        byte[] written = new byte[buyers * ENTRY];
        System.arraycopy(kept.array(), 0, written, 0, written.length);
        store.put(addressKey, written);
        return buyers;
    }
}
