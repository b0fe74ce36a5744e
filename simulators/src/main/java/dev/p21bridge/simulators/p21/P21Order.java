package dev.p21bridge.simulators.p21;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A sales order as P21 keeps it: the {@code oe_hdr} row and its {@code oe_line} rows. {@code webReferenceNo} is the
 * storefront's order key ({@code xcart:10452}), which the bridge uses to find an order it created before.
 * {@code shipVia} is the carrier ({@code carrier_id}), {@code terms} the terms code, {@code notes} the order notepad,
 * {@code salesrepId} the order's sales rep ({@code salesrep_id}; null leaves P21's default for the customer).
 * {@code cancelled} is {@code oe_hdr.cancel_flag}: a cancelled order keeps its lines but allocates nothing.
 * {@code held} is {@code oe_hdr.approved = 'N'}: a held order allocates as an open one does but cannot ship.
 * {@code invoiced} is true once an {@code invoice_hdr} row bills the order. An RMA is an order too (P21 keeps it in
 * {@code oe_hdr} with {@code rma_flag = 'Y'}): {@code originalOrderNo} names the sales order it returns goods of, and
 * is null on every sales order; {@code completed} on an RMA means its goods were received and credited.
 */
public record P21Order(String orderNo, long customerId, String poNo, String webReferenceNo, LocalDate orderDate,
                       LocalDate requestedDate, long salesLocId, long sourceLocId, String taker, String shipToId,
                       String contactId, P21Address shipTo, BigDecimal freightOut, BigDecimal taxAmount,
                       boolean completed, Instant dateCreated, Instant dateLastModified, List<P21OrderLine> lines,
                       String shipVia, String terms, String notes, boolean cancelled, boolean held,
                       String holdReason, boolean invoiced, String originalOrderNo, String salesrepId) {

    /** An order without a sales rep of its own ({@code salesrep_id} not sent). */
    public P21Order(String orderNo, long customerId, String poNo, String webReferenceNo, LocalDate orderDate,
                    LocalDate requestedDate, long salesLocId, long sourceLocId, String taker, String shipToId,
                    String contactId, P21Address shipTo, BigDecimal freightOut, BigDecimal taxAmount,
                    boolean completed, Instant dateCreated, Instant dateLastModified, List<P21OrderLine> lines,
                    String shipVia, String terms, String notes, boolean cancelled, boolean held,
                    String holdReason, boolean invoiced, String originalOrderNo) {
        this(orderNo, customerId, poNo, webReferenceNo, orderDate, requestedDate, salesLocId, sourceLocId, taker,
                shipToId, contactId, shipTo, freightOut, taxAmount, completed, dateCreated, dateLastModified, lines,
                shipVia, terms, notes, cancelled, held, holdReason, invoiced, originalOrderNo, null);
    }

    /** A sales order neither held nor invoiced. */
    public P21Order(String orderNo, long customerId, String poNo, String webReferenceNo, LocalDate orderDate,
                    LocalDate requestedDate, long salesLocId, long sourceLocId, String taker, String shipToId,
                    String contactId, P21Address shipTo, BigDecimal freightOut, BigDecimal taxAmount,
                    boolean completed, Instant dateCreated, Instant dateLastModified, List<P21OrderLine> lines,
                    String shipVia, String terms, String notes, boolean cancelled) {
        this(orderNo, customerId, poNo, webReferenceNo, orderDate, requestedDate, salesLocId, sourceLocId, taker,
                shipToId, contactId, shipTo, freightOut, taxAmount, completed, dateCreated, dateLastModified, lines,
                shipVia, terms, notes, cancelled, false, null, false, null);
    }

    /** An order not cancelled, as every order is when entered. */
    public P21Order(String orderNo, long customerId, String poNo, String webReferenceNo, LocalDate orderDate,
                    LocalDate requestedDate, long salesLocId, long sourceLocId, String taker, String shipToId,
                    String contactId, P21Address shipTo, BigDecimal freightOut, BigDecimal taxAmount,
                    boolean completed, Instant dateCreated, Instant dateLastModified, List<P21OrderLine> lines,
                    String shipVia, String terms, String notes) {
        this(orderNo, customerId, poNo, webReferenceNo, orderDate, requestedDate, salesLocId, sourceLocId, taker,
                shipToId, contactId, shipTo, freightOut, taxAmount, completed, dateCreated, dateLastModified, lines,
                shipVia, terms, notes, false);
    }

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

    /** True when any goods of the order have left the warehouse (a pick ticket shipped them). */
    public boolean anyShipped() {
        return lines.stream().anyMatch(l -> !l.otherCharge() && l.qtyInvoiced().signum() > 0);
    }

    /** True for an RMA ({@code oe_hdr.rma_flag = 'Y'}). */
    public boolean rma() {
        return originalOrderNo != null;
    }

    /**
     * As {@code GET /sim/orders} shows it: {@code cancelled}, {@code invoiced}, {@code shipped} (any goods shipped),
     * {@code held} or {@code open}. An RMA is {@code open} until received, then {@code credited}: the simulator
     * receives and credits in one change, so {@code received} is never seen between.
     */
    public String status() {
        if (rma()) {
            return completed ? "credited" : "open";
        }
        if (cancelled) {
            return "cancelled";
        }
        if (invoiced) {
            return "invoiced";
        }
        if (anyShipped()) {
            return "shipped";
        }
        return held ? "held" : "open";
    }

    P21Order cancelled(Instant at) {
        return new P21Order(orderNo, customerId, poNo, webReferenceNo, orderDate, requestedDate, salesLocId,
                sourceLocId, taker, shipToId, contactId, shipTo, freightOut, taxAmount, completed, dateCreated, at,
                lines.stream().map(l -> l.unallocated(at)).toList(), shipVia, terms, notes, true, held, holdReason, invoiced,
                originalOrderNo, salesrepId);
    }

    P21Order edited(P21Address newShipTo, BigDecimal newFreight, BigDecimal newTax, List<P21OrderLine> newLines,
                    Instant at) {
        return new P21Order(orderNo, customerId, poNo, webReferenceNo, orderDate, requestedDate, salesLocId,
                sourceLocId, taker, shipToId, contactId, newShipTo, newFreight, newTax, completed, dateCreated, at,
                newLines, shipVia, terms, notes, cancelled, held, holdReason, invoiced, originalOrderNo, salesrepId);
    }

    P21Order withShipment(List<P21OrderLine> shippedLines, Instant at) {
        boolean done = shippedLines.stream().allMatch(l -> l.qtyOpen().signum() == 0);
        return new P21Order(orderNo, customerId, poNo, webReferenceNo, orderDate, requestedDate, salesLocId,
                sourceLocId, taker, shipToId, contactId, shipTo, freightOut, taxAmount, done, dateCreated, at,
                shippedLines, shipVia, terms, notes, cancelled, held, holdReason, invoiced, originalOrderNo, salesrepId);
    }

    /** On hold with {@code reason} ({@code approved = 'N'}), or released ({@code approved = 'Y'}) when not held. */
    P21Order withHold(boolean onHold, String reason, Instant at) {
        return new P21Order(orderNo, customerId, poNo, webReferenceNo, orderDate, requestedDate, salesLocId,
                sourceLocId, taker, shipToId, contactId, shipTo, freightOut, taxAmount, completed, dateCreated, at,
                lines, shipVia, terms, notes, cancelled, onHold, onHold ? reason : null, invoiced, originalOrderNo, salesrepId);
    }

    P21Order withInvoice(Instant at) {
        return new P21Order(orderNo, customerId, poNo, webReferenceNo, orderDate, requestedDate, salesLocId,
                sourceLocId, taker, shipToId, contactId, shipTo, freightOut, taxAmount, completed, dateCreated, at,
                lines, shipVia, terms, notes, cancelled, held, holdReason, true, originalOrderNo, salesrepId);
    }

    /** An RMA whose goods came back: {@code completed = 'Y'}. */
    P21Order received(Instant at) {
        return new P21Order(orderNo, customerId, poNo, webReferenceNo, orderDate, requestedDate, salesLocId,
                sourceLocId, taker, shipToId, contactId, shipTo, freightOut, taxAmount, true, dateCreated, at,
                lines, shipVia, terms, notes, cancelled, held, holdReason, invoiced, originalOrderNo, salesrepId);
    }
}
