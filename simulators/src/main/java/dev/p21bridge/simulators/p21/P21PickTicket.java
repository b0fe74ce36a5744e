package dev.p21bridge.simulators.p21;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** A shipment: one {@code oe_pick_ticket} row with its {@code oe_pick_ticket_detail} rows. */
public record P21PickTicket(long pickTicketNo, String orderNo, String carrierId, String trackingNo, Instant shipDate,
                            Instant dateLastModified, List<Line> lines) {

    public P21PickTicket {
        lines = List.copyOf(lines);
    }

    /** One {@code oe_pick_ticket_detail} row; {@code oeLineNo} is the order line it ships. */
    public record Line(int oeLineNo, String itemId, long invMastUid, BigDecimal shipQuantity) {
    }
}
