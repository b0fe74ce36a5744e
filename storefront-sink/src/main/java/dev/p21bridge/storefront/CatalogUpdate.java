package dev.p21bridge.storefront;

import dev.p21bridge.schemas.InventoryLevel;
import dev.p21bridge.schemas.Product;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * One stock level or price of one SKU as the sink writes it, with the source's change time that orders it against
 * every other update of the same SKU and kind.
 *
 * @param changedAt epoch millis of the change at the source (P21's {@code date_last_modified})
 * @param value     a whole stock amount for {@link Kind#STOCK}, a price for {@link Kind#PRICE}
 */
record CatalogUpdate(Kind kind, String sku, long changedAt, BigDecimal value) {

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
     * fraction P21 does not have would oversell), never below 0 (P21 may allocate more than it has on hand).
     */
    static CatalogUpdate stock(InventoryLevel level) {
        BigDecimal amount = level.getAvailable().setScale(0, RoundingMode.FLOOR).max(BigDecimal.ZERO);
        return new CatalogUpdate(Kind.STOCK, level.getSku(), level.getChangedAt().toEpochMilli(), amount);
    }

    static CatalogUpdate price(Product product) {
        return new CatalogUpdate(Kind.PRICE, product.getSku(), product.getChangedAt().toEpochMilli(),
                product.getPrice());
    }

    /** Stock as the whole number storefronts take, capped at what their APIs accept. */
    long amount() {
        return value.min(BigDecimal.valueOf(Integer.MAX_VALUE)).longValueExact();
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
