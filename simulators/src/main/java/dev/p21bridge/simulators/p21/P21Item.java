package dev.p21bridge.simulators.p21;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One row of P21's item master ({@code inv_mast}); {@code listPrice} is the default unit price of an order line.
 * An {@code otherCharge} item is no goods but a charge or credit (a web discount, a handling fee): P21 lets its price
 * be negative and neither allocates nor picks it.
 */
public record P21Item(long invMastUid, String itemId, String itemDesc, BigDecimal listPrice, Instant dateLastModified,
                      boolean otherCharge) {

    /** A stocked item, as most are. */
    public P21Item(long invMastUid, String itemId, String itemDesc, BigDecimal listPrice, Instant dateLastModified) {
        this(invMastUid, itemId, itemDesc, listPrice, dateLastModified, false);
    }
}
