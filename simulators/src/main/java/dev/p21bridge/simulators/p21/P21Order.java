package dev.p21bridge.simulators.p21;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A sales order as P21 keeps it: the {@code oe_hdr} row and its {@code oe_line} rows. {@code webReferenceNo} is the
 * storefront's order key ({@code xcart:10452}), which the bridge uses to find an order it created before.
 * {@code shipVia} is the carrier ({@code carrier_id}), {@code terms} the terms code, {@code notes} the order notepad,
 * {@code cancelled} its {@code cancel_flag}.
 */
public record P21Order(String orderNo, long customerId, String poNo, String webReferenceNo, LocalDate orderDate,
                       LocalDate requestedDate, long salesLocId, long sourceLocId, String taker, String shipToId,
                       String contactId, P21Address shipTo, BigDecimal freightOut, BigDecimal taxAmount,
                       boolean completed, Instant dateCreated, Instant dateLastModified, List<P21OrderLine> lines,
                       String shipVia, String terms, String notes, boolean cancelled) {

    public P21Order {
        lines = List.copyOf(lines);
        shipTo = shipTo == null ? P21Address.EMPTY : shipTo;
    }

    /** Sum of the lines' extended prices, other charges included. */
    public BigDecimal linesTotal() {
        return lines.stream().map(P21OrderLine::extendedPrice).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** The goods: extended prices of the lines that are no other charge. */
    public BigDecimal merchandise() {
        return lines.stream().filter(l -> !l.otherCharge()).map(P21OrderLine::extendedPrice)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** The credits among the other charges (discount lines), as a positive amount. */
    public BigDecimal discount() {
        return lines.stream().filter(P21OrderLine::otherCharge).map(P21OrderLine::extendedPrice)
                .filter(amount -> amount.signum() < 0).reduce(BigDecimal.ZERO, BigDecimal::add).negate();
    }

    /** What P21 invoices: every line (discount lines are negative) plus freight plus tax. */
    public BigDecimal total() {
        return linesTotal().add(freightOut).add(taxAmount);
    }

    P21Order withShipment(List<P21OrderLine> shippedLines, Instant at) {
        boolean done = shippedLines.stream().allMatch(l -> l.qtyOpen().signum() == 0);
        return new P21Order(orderNo, customerId, poNo, webReferenceNo, orderDate, requestedDate, salesLocId,
                sourceLocId, taker, shipToId, contactId, shipTo, freightOut, taxAmount, done, dateCreated, at,
                shippedLines, shipVia, terms, notes, cancelled);
    }

    /** This order cancelled, as a P21 user cancels it ({@code oe_hdr.cancel_flag = 'Y'}). */
    P21Order withCancel(Instant at) {
        return new P21Order(orderNo, customerId, poNo, webReferenceNo, orderDate, requestedDate, salesLocId,
                sourceLocId, taker, shipToId, contactId, shipTo, freightOut, taxAmount, completed, dateCreated, at,
                lines, shipVia, terms, notes, true);
    }
}
