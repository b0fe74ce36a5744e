package dev.p21bridge.simulators.p21;

import java.time.Instant;
import java.util.List;

/**
 * One line of the {@link P21Journal}: the rows put since the previous line, at their values when the line was taken,
 * and the counters and last change time then. Rows are only ever put, never deleted, so replaying a line is putting
 * its rows again. {@code seq} numbers the lines, one more each, so a load can skip the lines a snapshot already holds.
 */
record P21JournalEntry(long seq, List<P21Item> items, List<P21Stock> stock, List<P21Customer> customers,
                       List<P21Order> orders, List<P21PickTicket> pickTickets, long nextOrderNo, long nextCustomerId,
                       long nextPickTicketNo, long nextInvMastUid, long nextOeLineUid, Instant lastChange,
                       List<P21Invoice> invoices, List<P21Receipt> receipts, long nextInvoiceNo, long nextReceiptNo) {

    /** A line written before invoices and receipts existed reads with none (and counters 0, which replay ignores). */
    P21JournalEntry {
        invoices = invoices == null ? List.of() : invoices;
        receipts = receipts == null ? List.of() : receipts;
    }
}
