package dev.p21bridge.transformer.inventory;

import java.math.BigDecimal;
import java.util.Map;

/**
 * The P21 items of a placed order and their quantities, kept until P21 confirms the order so the confirmation can
 * be sent to each item's reservation.
 *
 * @param items     item key to quantity (scale 4)
 * @param orderTime when the bridge received the order, epoch millis
 */
public record OrderLines(Map<String, BigDecimal> items, long orderTime) {

    public OrderLines {
        items = Map.copyOf(items);
    }
}
