package dev.p21bridge.transformer.inventory;

import java.math.BigDecimal;

/**
 * One P21 {@code inv_loc} row: an item's stock at one location as P21 last changed it.
 *
 * @param itemId     the item id as P21 spells it
 * @param onHand     {@code qty_on_hand}, scale 4
 * @param allocated  {@code qty_allocated}, scale 4: what P21's own orders already hold
 * @param modifiedAt {@code date_last_modified}, epoch millis on P21's clock; orders the readings of one location
 * @param eventTime  when the poller read the row, epoch millis
 */
public record StockReading(String itemId, String locationId, BigDecimal onHand, BigDecimal allocated, long modifiedAt,
                           String eventId, long eventTime) {
}
