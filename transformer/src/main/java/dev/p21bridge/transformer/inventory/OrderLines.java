package dev.p21bridge.transformer.inventory;

import java.math.BigDecimal;
import java.util.Map;

/**
 * The P21 items of a placed order and their quantities, kept until P21 confirms the order so the confirmation can
 * be sent to each item's reservation; or a confirmation that arrived before its order, kept until the order does.
 *
 * @param items         item key to quantity (scale 4); empty for an early confirmation
 * @param orderTime     when the bridge received the order, epoch millis; for an early confirmation, its record time
 * @param confirmedFrom for an early confirmation, the time from which P21 readings contain the order, epoch millis;
 *                      null for a placed order (and in state written before early confirmations were kept)
 */
public record OrderLines(Map<String, BigDecimal> items, long orderTime, Long confirmedFrom) {

    public OrderLines {
        items = Map.copyOf(items);
    }

    static OrderLines placed(Map<String, BigDecimal> items, long orderTime) {
        return new OrderLines(items, orderTime, null);
    }

    static OrderLines earlyConfirmation(long receivedAt, long confirmedFrom) {
        return new OrderLines(Map.of(), receivedAt, confirmedFrom);
    }

    boolean isEarlyConfirmation() {
        return confirmedFrom != null;
    }
}
