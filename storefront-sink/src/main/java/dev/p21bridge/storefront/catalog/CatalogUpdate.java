package dev.p21bridge.storefront.catalog;

import dev.p21bridge.schemas.InventoryLevel;
import dev.p21bridge.schemas.Product;
import dev.p21bridge.schemas.StockLocation;
import dev.p21bridge.schemas.StorefrontSales;
import dev.p21bridge.storefront.Storefront;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One stock level or price of one SKU as the sink writes it, with the source's change time that orders it against
 * every other update of the same SKU and kind.
 *
 * @param changedAt epoch millis of the change at the source (P21's {@code date_last_modified})
 * @param value     a whole stock amount for {@link Kind#STOCK} (the level's {@code available}: what a store without
 *                  its own stock locations gets), a price for {@link Kind#PRICE}
 * @param storefrontSales for stock, each store's order units the level counts, by store name
 *                  ({@code InventoryLevel.storefrontSales}); null for prices and for levels that do not say
 * @param description for a price, P21's description of the item; null for stock and when P21 has none
 * @param locationAvailable for stock, the {@code available} of each P21 location of the level, by location id, for a
 *                  store with its own stock locations ({@link #amountFor}); empty for prices
 * @param reserved  for stock, the level's {@code reserved} (storefront orders P21 has not allocated yet); zero for
 *                  prices
 */
record CatalogUpdate(Kind kind, String sku, long changedAt, BigDecimal value, Map<String, BigDecimal> storefrontSales,
                     String description, Map<String, BigDecimal> locationAvailable, BigDecimal reserved) {

    CatalogUpdate {
        storefrontSales = storefrontSales == null ? null : Map.copyOf(storefrontSales);
        locationAvailable = locationAvailable == null ? Map.of() : Map.copyOf(locationAvailable);
        reserved = reserved == null ? BigDecimal.ZERO : reserved;
    }

    CatalogUpdate(Kind kind, String sku, long changedAt, BigDecimal value, Map<String, BigDecimal> storefrontSales,
                  String description) {
        this(kind, sku, changedAt, value, storefrontSales, description, null, null);
    }

    CatalogUpdate(Kind kind, String sku, long changedAt, BigDecimal value, Map<String, BigDecimal> storefrontSales) {
        this(kind, sku, changedAt, value, storefrontSales, null);
    }

    CatalogUpdate(Kind kind, String sku, long changedAt, BigDecimal value) {
        this(kind, sku, changedAt, value, null, null);
    }

    /** What is written; the label is the {@code kind} tag of metrics and part of the last-written key. */
    enum Kind {
        STOCK("stock"), PRICE("price");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        String label() {
            return label;
        }
    }

    /**
     * The storefront amount of a level: {@code available} rounded down (a storefront sells whole units; selling a
     * fraction P21 does not have would oversell), never below 0 (P21 may allocate more than it has on hand). Each
     * store's sales are keyed by the store's name; an entry without one (written before stores) is the store named
     * as its source ({@code xcart}, {@code clarity}).
     */
    static CatalogUpdate stock(InventoryLevel level) {
        BigDecimal amount = level.getAvailable().setScale(0, RoundingMode.FLOOR).max(BigDecimal.ZERO);
        Map<String, BigDecimal> sales = level.getStorefrontSales() == null ? null
                : level.getStorefrontSales().stream().collect(Collectors.toMap(CatalogUpdate::storeOf,
                        StorefrontSales::getUnits, BigDecimal::add));
        Map<String, BigDecimal> locations = level.getLocations() == null ? Map.of()
                : level.getLocations().stream().collect(Collectors.toMap(StockLocation::getLocationId,
                        l -> l.getAvailable().max(BigDecimal.ZERO), BigDecimal::add));
        return new CatalogUpdate(Kind.STOCK, level.getSku(), level.getChangedAt().toEpochMilli(), amount, sales, null,
                locations, level.getReserved());
    }

    private static String storeOf(StorefrontSales sales) {
        return sales.getStore() != null ? sales.getStore() : sales.getSource().name().toLowerCase(Locale.ROOT);
    }

    /** The units of {@code storefront}'s orders this level counts; null when the level does not say. */
    BigDecimal countedFor(Storefront storefront) {
        return storefrontSales == null ? null : storefrontSales.getOrDefault(storefront.id(), BigDecimal.ZERO);
    }

    /**
     * The whole units {@code storefront} may sell of this level. A store without its own stock locations gets
     * {@link #value()}, the level's {@code available} over the bridge-wide locations, as every store did before stores
     * had locations. A store with its own gets the sum of those locations' {@code available} minus the level's whole
     * {@code reserved}, rounded down and never below 0: the reservations are not told apart by location, so all of
     * them are taken off (a store may show too little for a moment, never more than P21 has).
     */
    BigDecimal amountFor(Storefront storefront) {
        if (kind != Kind.STOCK || storefront.stockLocations().isEmpty()) {
            return value;
        }
        BigDecimal sum = storefront.stockLocations().stream().distinct()
                .map(id -> locationAvailable.getOrDefault(id, BigDecimal.ZERO))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        return sum.subtract(reserved).setScale(0, RoundingMode.FLOOR).max(BigDecimal.ZERO);
    }

    /**
     * A price, with P21's description of the item when it has one: descriptions reach the storefronts with prices,
     * coalesced with them, and are written only when they differ from what was last written (see {@link
     * CatalogFlusher}). A blank description counts as none: the storefront's own is left as it is.
     */
    static CatalogUpdate price(Product product) {
        return price(product.getSku(), product.getChangedAt().toEpochMilli(), product.getPrice(),
                product.getDescription());
    }

    static CatalogUpdate price(String sku, long changedAt, BigDecimal price, String description) {
        return new CatalogUpdate(Kind.PRICE, sku, changedAt, price, null,
                description == null || description.isBlank() ? null : description);
    }

    /** Stock of a store without its own locations as the whole number storefronts take (see {@link #capped}). */
    long amount() {
        return capped(value);
    }

    /** {@code storefront}'s stock as the whole number storefronts take, capped at what their APIs accept. */
    long amount(Storefront storefront) {
        return capped(amountFor(storefront));
    }

    /** A whole stock amount capped at what storefront APIs accept. */
    static long capped(BigDecimal amount) {
        return amount.min(BigDecimal.valueOf(Integer.MAX_VALUE)).longValueExact();
    }

    /**
     * Whether this update may replace {@code other} of the same SKU: it changed later, or at the same moment (the
     * later record in the topic wins a tie; a change time with one-second resolution must not lose the second change
     * of a second).
     */
    boolean supersedes(CatalogUpdate other) {
        return changedAt >= other.changedAt;
    }
}
