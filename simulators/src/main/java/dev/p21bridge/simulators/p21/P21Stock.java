package dev.p21bridge.simulators.p21;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One row of {@code inv_loc}: an item's stock at one location. Available to sell is {@code qtyOnHand - qtyAllocated};
 * an order allocates, a shipment takes from both on hand and allocated.
 */
public record P21Stock(long invMastUid, String itemId, long locationId, BigDecimal qtyOnHand, BigDecimal qtyAllocated,
                       BigDecimal qtyBackordered, Instant dateLastModified) {

    static P21Stock empty(P21Item item, long locationId, Instant at) {
        return new P21Stock(item.invMastUid(), item.itemId(), locationId, BigDecimal.ZERO, BigDecimal.ZERO,
                BigDecimal.ZERO, at);
    }

    P21Stock withOnHand(BigDecimal onHand, Instant at) {
        return new P21Stock(invMastUid, itemId, locationId, onHand, qtyAllocated, qtyBackordered, at);
    }

    P21Stock allocate(BigDecimal quantity, Instant at) {
        return new P21Stock(invMastUid, itemId, locationId, qtyOnHand, qtyAllocated.add(quantity), qtyBackordered, at);
    }

    /** Ships {@code quantity}: it leaves the shelf and is no longer allocated (allocation never goes below zero). */
    P21Stock ship(BigDecimal quantity, Instant at) {
        BigDecimal allocated = qtyAllocated.subtract(quantity).max(BigDecimal.ZERO);
        return new P21Stock(invMastUid, itemId, locationId, qtyOnHand.subtract(quantity), allocated, qtyBackordered, at);
    }
}
