package dev.p21bridge.storefront;

import dev.p21bridge.schemas.InventoryLevel;
import dev.p21bridge.schemas.Product;
import dev.p21bridge.schemas.Source;
import dev.p21bridge.schemas.StockLocation;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;

/** Canonical records as the transformer writes them, for tests. */
public final class CatalogUpdates {

    private CatalogUpdates() {
    }

    public static InventoryLevel level(String sku, long changedAtMillis, String available) {
        BigDecimal amount = scaled(available);
        Instant changedAt = Instant.ofEpochMilli(changedAtMillis);
        return InventoryLevel.newBuilder().setSku(sku).setP21ItemId(sku).setSource(Source.P21)
                .setSourceEventId("evt-" + sku + "-" + changedAtMillis).setEventTime(changedAt).setChangedAt(changedAt)
                .setLocations(List.of(StockLocation.newBuilder().setLocationId("10").setOnHand(amount)
                        .setAllocated(scaled("0")).setAvailable(amount).setChangedAt(changedAt).build()))
                .setReserved(scaled("0")).setAvailable(amount).build();
    }

    /**
     * A level with the given {@code available} per P21 location (location id to units), the units {@code reserved}
     * and the bridge-wide {@code available}.
     */
    public static InventoryLevel level(String sku, long changedAtMillis, java.util.Map<String, String> locations,
                                       String reserved, String available) {
        Instant changedAt = Instant.ofEpochMilli(changedAtMillis);
        List<StockLocation> stock = new java.util.ArrayList<>();
        new java.util.TreeMap<>(locations).forEach((id, units) -> stock.add(StockLocation.newBuilder()
                .setLocationId(id).setOnHand(scaled(units)).setAllocated(scaled("0")).setAvailable(scaled(units))
                .setChangedAt(changedAt).build()));
        return InventoryLevel.newBuilder().setSku(sku).setP21ItemId(sku).setSource(Source.P21)
                .setSourceEventId("evt-" + sku + "-" + changedAtMillis).setEventTime(changedAt).setChangedAt(changedAt)
                .setLocations(stock).setReserved(scaled(reserved)).setAvailable(scaled(available)).build();
    }

    static Product product(String sku, long changedAtMillis, String price) {
        Instant changedAt = Instant.ofEpochMilli(changedAtMillis);
        return Product.newBuilder().setSku(sku).setP21ItemId(sku).setSource(Source.P21)
                .setSourceEventId("evt-price-" + sku + "-" + changedAtMillis).setEventTime(changedAt)
                .setChangedAt(changedAt).setPrice(scaled(price)).build();
    }

    private static BigDecimal scaled(String value) {
        return new BigDecimal(value).setScale(4, RoundingMode.UNNECESSARY);
    }
}
