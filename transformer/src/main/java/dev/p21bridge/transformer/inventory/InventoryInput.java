package dev.p21bridge.transformer.inventory;

import dev.p21bridge.schemas.Source;
import java.math.BigDecimal;

/**
 * What the inventory processor consumes, keyed by P21 item: exactly one of a P21 stock reading, a reservation for a
 * new storefront order's line, or the news that P21 confirmed an order. A union record rather than a class
 * hierarchy, so it crosses the repartition topic as plain JSON.
 */
public record InventoryInput(StockReading reading, Reserve reserve, Confirm confirm) {

    /**
     * One line of a new storefront order, holding stock until P21 shows the order as allocated.
     *
     * @param orderTime when the bridge received the order, epoch millis; starts the reservation's time to live
     */
    public record Reserve(String orderKey, Source source, BigDecimal quantity, long orderTime, String eventId) {
    }

    /** P21 created the order; any P21 reading modified at or after {@code confirmedAt} already contains its allocation. */
    public record Confirm(String orderKey, long confirmedAt) {
    }

    public static InventoryInput of(StockReading reading) {
        return new InventoryInput(reading, null, null);
    }

    public static InventoryInput of(Reserve reserve) {
        return new InventoryInput(null, reserve, null);
    }

    public static InventoryInput of(Confirm confirm) {
        return new InventoryInput(null, null, confirm);
    }
}
