package dev.p21bridge.sandbox.p21;

import java.time.Instant;
import java.util.List;

/**
 * Everything the simulator knows, as written to {@code p21-simulator.json}: the rows plus the next numbers to hand
 * out and the last change time, so a restart neither reuses an order number nor moves {@code date_last_modified}
 * backwards.
 */
record P21Snapshot(int format, List<P21Item> items, List<P21Stock> stock, List<P21Customer> customers,
                   List<P21Order> orders, List<P21PickTicket> pickTickets, long nextOrderNo, long nextCustomerId,
                   long nextPickTicketNo, long nextInvMastUid, long nextOeLineUid, Instant lastChange) {

    static final int FORMAT = 1;
}
