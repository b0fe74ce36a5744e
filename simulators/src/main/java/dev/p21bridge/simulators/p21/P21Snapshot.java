package dev.p21bridge.simulators.p21;

import java.time.Instant;
import java.util.List;

/**
 * Everything the simulator knows, as written to {@code p21-simulator.json}: the rows plus the next numbers to hand
 * out and the last change time, so a restart neither reuses an order number nor moves {@code date_last_modified}
 * backwards. {@code journalSeq} is the number of the last {@link P21Journal} line whose changes the snapshot already
 * holds; loading skips those lines (0 in files written before the journal existed, which have no journal).
 */
record P21Snapshot(int format, List<P21Item> items, List<P21Stock> stock, List<P21Customer> customers,
                   List<P21Order> orders, List<P21PickTicket> pickTickets, long nextOrderNo, long nextCustomerId,
                   long nextPickTicketNo, long nextInvMastUid, long nextOeLineUid, Instant lastChange,
                   long journalSeq, List<P21Invoice> invoices, List<P21Receipt> receipts, long nextInvoiceNo,
                   long nextReceiptNo) {

    /**
     * Unchanged by {@code journalSeq}, invoices and receipts: a file without them reads as 0 and empty lists (the
     * counters then start at their first numbers), which is right for a file written before they existed.
     */
    static final int FORMAT = 1;

    P21Snapshot {
        invoices = invoices == null ? List.of() : invoices;
        receipts = receipts == null ? List.of() : receipts;
    }
}
