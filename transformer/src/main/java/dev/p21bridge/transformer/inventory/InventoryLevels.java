package dev.p21bridge.transformer.inventory;

import dev.p21bridge.schemas.InventoryLevel;
import dev.p21bridge.schemas.StockLocation;
import dev.p21bridge.schemas.Source;
import dev.p21bridge.schemas.StorefrontSales;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Builds the canonical level of one SKU: every location as P21 reported it, the open reservations, and
 * {@code available = Σ(on hand − allocated) over the web-store locations − reserved}. Available quantities are
 * emitted never below zero (a storefront cannot sell minus three); the unclamped sum stays internal, so a later
 * change is computed from the true figure. {@code storefrontSales} lists the storefronts' order units counted so far,
 * by source, so a consumer can tell which storefront sales a level already contains.
 */
final class InventoryLevels {

    private static final BigDecimal ZERO = BigDecimal.ZERO.setScale(4);

    private InventoryLevels() {
    }

    /** @param storeSource the platform of a store, by its name */
    static InventoryLevel of(String sku, ItemStock stock, ItemReservations reservations, Predicate<String> sellsFrom,
                             Function<String, Source> storeSource, LevelCause cause, long changedAt) {
        List<StockLocation> locations = stock.locations().entrySet().stream()
                .sorted(Map.Entry.comparingByKey(Comparator.naturalOrder()))
                .map(entry -> StockLocation.newBuilder()
                        .setLocationId(entry.getKey())
                        .setOnHand(entry.getValue().onHand())
                        .setAllocated(entry.getValue().allocated())
                        .setAvailable(entry.getValue().free().max(ZERO))
                        .setChangedAt(Instant.ofEpochMilli(entry.getValue().modifiedAt()))
                        .build())
                .toList();
        BigDecimal reserved = reservations.reserved();
        return InventoryLevel.newBuilder()
                .setSku(sku)
                .setP21ItemId(stock.itemId())
                .setSource(cause.source())
                .setSourceEventId(cause.eventId())
                .setEventTime(Instant.ofEpochMilli(cause.eventTime()))
                .setChangedAt(Instant.ofEpochMilli(changedAt))
                .setLocations(locations)
                .setReserved(reserved)
                .setAvailable(stock.free(sellsFrom).subtract(reserved).max(ZERO))
                .setStorefrontSales(stock.storefrontSales().entrySet().stream()
                        .sorted(Map.Entry.comparingByKey())
                        .map(entry -> new StorefrontSales(storeSource.apply(entry.getKey()), entry.getValue().setScale(4),
                                entry.getKey()))
                        .toList())
                .build();
    }
}
