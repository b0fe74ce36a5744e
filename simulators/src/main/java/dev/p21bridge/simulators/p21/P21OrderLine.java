package dev.p21bridge.simulators.p21;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One {@code oe_line}. {@code qtyAllocated} is what still waits in the warehouse; {@code qtyInvoiced} is what has
 * shipped (the simulator invoices at shipment, as P21's shipping confirmation does by default). An
 * {@code otherCharge} line (a discount, a fee) is invoiced with the order and never picked.
 */
public record P21OrderLine(int lineNo, long oeLineUid, long invMastUid, String itemId, BigDecimal qtyOrdered,
                           BigDecimal qtyAllocated, BigDecimal qtyInvoiced, BigDecimal unitPrice,
                           Instant dateLastModified, boolean otherCharge) {

    /** Quantity times unit price, exact (no rounding). */
    public BigDecimal extendedPrice() {
        return qtyOrdered.multiply(unitPrice);
    }

    /** What is still to ship. */
    public BigDecimal qtyOpen() {
        return qtyOrdered.subtract(qtyInvoiced).max(BigDecimal.ZERO);
    }

    P21OrderLine ship(BigDecimal quantity, Instant at) {
        return new P21OrderLine(lineNo, oeLineUid, invMastUid, itemId, qtyOrdered,
                qtyAllocated.subtract(quantity).max(BigDecimal.ZERO), qtyInvoiced.add(quantity), unitPrice, at,
                otherCharge);
    }

    /** This line with {@code more} added to its quantity, as P21 merges an item entered twice without a row key. */
    P21OrderLine plus(BigDecimal more) {
        return new P21OrderLine(lineNo, oeLineUid, invMastUid, itemId, qtyOrdered.add(more), qtyAllocated.add(more),
                qtyInvoiced, unitPrice, dateLastModified, otherCharge);
    }

    /** This line with nothing allocated any more, as a cancelled order leaves it. */
    P21OrderLine unallocated(Instant at) {
        return new P21OrderLine(lineNo, oeLineUid, invMastUid, itemId, qtyOrdered, BigDecimal.ZERO, qtyInvoiced,
                unitPrice, at, otherCharge);
    }

    /** This line changed to {@code quantity} at {@code price}; its allocation follows the quantity. */
    P21OrderLine changed(BigDecimal quantity, BigDecimal price, Instant at) {
        BigDecimal allocated = otherCharge ? BigDecimal.ZERO : quantity.subtract(qtyInvoiced).max(BigDecimal.ZERO);
        return new P21OrderLine(lineNo, oeLineUid, invMastUid, itemId, quantity, allocated, qtyInvoiced, price, at,
                otherCharge);
    }
}
