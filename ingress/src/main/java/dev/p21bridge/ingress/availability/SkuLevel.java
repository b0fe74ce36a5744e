package dev.p21bridge.ingress.availability;

import java.util.List;
import java.util.Map;

/**
 * What the availability API answers for one SKU, kept small because the ingress holds one per SKU in memory.
 * Quantities are whole units rounded down, the amounts the storefront-sink writes to the stores: a cart cannot sell
 * a fraction, and selling one P21 does not have would oversell.
 *
 * @param available   units the stores may sell: on hand minus allocated over the web-store locations, minus the
 *                    reservations of storefront orders P21 has not allocated yet; never below 0
 * @param changedAt   epoch millis of the change the level comes from (P21's change time or the order's time)
 * @param byLocation  per P21 location, on hand minus allocated there (reservations are not per location)
 * @param reserved    units storefront orders hold that P21 has not allocated yet, rounded up
 */
public record SkuLevel(long available, long changedAt, Map<String, Long> byLocation, long reserved) {

    public SkuLevel {
        byLocation = Map.copyOf(byLocation);
    }

    /**
     * Units a store selling from {@code locations} may sell (docs/stores.md): what P21 has free there minus every
     * reservation, never below 0; {@link #available} when the store sells from the bridge-wide locations (empty).
     */
    public long availableFrom(List<String> locations) {
        if (locations.isEmpty()) {
            return available;
        }
        long free = 0;
        for (String location : locations) {
            free += byLocation.getOrDefault(location, 0L);
        }
        return Math.max(0, free - reserved);
    }

    /**
     * Units at {@code location} the stores may sell: what P21 has free there, but never more than {@link
     * #available} (the reservations, which are not per location, may have taken the rest); 0 where the item is not
     * stocked.
     */
    public long availableAt(String location) {
        return Math.min(byLocation.getOrDefault(location, 0L), available);
    }
}
