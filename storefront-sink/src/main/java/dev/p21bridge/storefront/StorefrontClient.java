package dev.p21bridge.storefront;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.OptionalLong;

/**
 * What the sink asks of a storefront, in the storefront's own API ({@link XCartClient}, {@link ClarityClient}).
 * Every method either returns what happened or throws a {@link StorefrontCallException} for
 * {@link StorefrontErrorPolicy} to judge.
 */
public interface StorefrontClient {

    /** What a {@link #ship} call found and did. */
    enum ShipOutcome {
        /** At least one state-changing call was made (status set, tracking number added). */
        CHANGED,
        /** The order already showed the shipment: nothing was sent. */
        ALREADY_DONE,
        /** The order is past shipping (e.g. Completed) and is left as it is. */
        LEFT_AS_IS
    }

    Storefront storefront();

    /**
     * The stock the storefront shows for {@code sku} right now, its own sales taken off; empty when it does not sell
     * the SKU. Read just before a stock write ({@link UncountedSales}).
     */
    OptionalLong stock(String sku);

    /** Sets the stock of {@code sku} to {@code amount}; false when the storefront does not sell the SKU. */
    boolean setStock(String sku, long amount);

    /** Sets the price of {@code sku}; false when the storefront does not sell the SKU. */
    boolean setPrice(String sku, BigDecimal price);

    /**
     * Sets the product's description (P21's {@code item_desc}); false when the storefront does not sell the SKU.
     * The catalogue flusher calls it only when the description differs from the one it last wrote.
     */
    default boolean setDescription(String sku, String description) {
        throw new UnsupportedOperationException(storefront().displayName() + " does not take descriptions");
    }

    /**
     * Marks the order shipped with the given tracking numbers. Reads the order first and sends only the changes it
     * does not show yet, so a redelivered or replayed shipment repeats no state-changing call.
     */
    ShipOutcome ship(String orderId, String carrier, List<String> trackingNumbers);

    /**
     * Shows a partial shipment (a pick ticket that left the order open) without marking the order shipped: adds the
     * tracking numbers where the storefront can do that on its own; the order's status comes from
     * {@code canonical.order-status}. By default the storefront is left as it is (Clarity adds tracking numbers only
     * with Ship, which would mark the whole order shipped).
     */
    default ShipOutcome shipPart(String orderId, String carrier, List<String> trackingNumbers) {
        return ShipOutcome.LEFT_AS_IS;
    }

    /** A price as storefronts write it: at least two decimals, no trailing zeros beyond them, never an exponent. */
    static BigDecimal plainPrice(BigDecimal price) {
        BigDecimal stripped = price.stripTrailingZeros();
        return stripped.setScale(Math.max(2, stripped.scale()), RoundingMode.UNNECESSARY);
    }
}
