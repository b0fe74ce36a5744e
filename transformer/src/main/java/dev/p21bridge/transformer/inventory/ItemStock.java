package dev.p21bridge.transformer.inventory;

import dev.p21bridge.schemas.Source;
import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The latest P21 reading of each location of one item, and the change time of the last level emitted for it.
 * A reading modified before the one held for its location never replaces it: the poller's windows overlap, and
 * a redelivered old row must not bring old stock back.
 *
 * @param itemId        the item id as P21 spells it
 * @param lastChangedAt {@code changedAt} of the last level emitted, epoch millis; levels never go back in time
 * @param storefrontSales per store (by name), the units of its orders counted so far (scale 4): cumulative, never
 *                        decreasing, so the storefront-sink can tell which of a storefront's own sales a level does
 *                        not count yet (see {@code InventoryLevel.storefrontSales}); empty in state written before it
 */
public record ItemStock(String itemId, Map<String, LocationStock> locations, long lastChangedAt,
                        Map<String, BigDecimal> storefrontSales) {

    /** One location's reading; quantities scale 4, {@code modifiedAt} epoch millis on P21's clock. */
    public record LocationStock(BigDecimal onHand, BigDecimal allocated, long modifiedAt) {

        /** On hand minus allocated; negative when P21 allocated more than it holds (backorders). */
        public BigDecimal free() {
            return onHand.subtract(allocated);
        }
    }

    public ItemStock {
        locations = Map.copyOf(locations);
        storefrontSales = storefrontSales == null ? Map.of() : Map.copyOf(storefrontSales);
    }

    public static ItemStock first(StockReading reading) {
        return new ItemStock(reading.itemId(), Map.of(), Long.MIN_VALUE, Map.of()).with(reading);
    }

    /** Whether the reading is at least as new as the one held for its location. */
    public boolean accepts(StockReading reading) {
        LocationStock held = locations.get(reading.locationId());
        return held == null || reading.modifiedAt() >= held.modifiedAt();
    }

    public ItemStock with(StockReading reading) {
        Map<String, LocationStock> next = new HashMap<>(locations);
        next.put(reading.locationId(), new LocationStock(reading.onHand(), reading.allocated(), reading.modifiedAt()));
        return new ItemStock(reading.itemId(), next, lastChangedAt, storefrontSales);
    }

    public ItemStock emittedAt(long changedAt) {
        return new ItemStock(itemId, locations, changedAt, storefrontSales);
    }

    /** Counts {@code quantity} more units sold by the store {@code store}. */
    public ItemStock sold(String store, BigDecimal quantity) {
        Map<String, BigDecimal> next = new HashMap<>(storefrontSales);
        next.merge(store, quantity, BigDecimal::add);
        return new ItemStock(itemId, locations, lastChangedAt, next);
    }

    /** The newest {@code date_last_modified} of any location: every P21 change up to then is in this state. */
    public long newestReadingAt() {
        return locations.values().stream().mapToLong(LocationStock::modifiedAt).max().orElse(Long.MIN_VALUE);
    }

    /** Sum of on hand minus allocated over the locations the storefronts sell from; may be negative. */
    public BigDecimal free(Predicate<String> sellsFrom) {
        return locations.entrySet().stream().filter(e -> sellsFrom.test(e.getKey()))
                .map(e -> e.getValue().free()).reduce(BigDecimal.ZERO.setScale(4), BigDecimal::add);
    }
}
