package dev.p21bridge.simulators.p21;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a P21 user does in the warehouse, offered through the control API: count stock, add an item to the item
 * master, ship an order. Each is one change, so pollers see the touched rows with one new
 * {@code date_last_modified}.
 */
final class P21Warehouse {

    private final P21Store store;

    P21Warehouse(P21Store store) {
        this.store = store;
    }

    /** The item's stock rows; 404 when the item is unknown. */
    List<P21Stock> stockOf(String itemId) {
        return store.read(state -> {
            requireItem(state, itemId);
            return state.stockOf(itemId);
        });
    }

    /** Sets on hand at one location (creating the row there if needed), as an inventory adjustment does. */
    List<P21Stock> setOnHand(String itemId, long locationId, BigDecimal qtyOnHand) {
        return store.write((state, at) -> {
            P21Item item = requireItem(state, itemId);
            P21Stock stock = state.stock(item.itemId(), locationId).orElseGet(() -> P21Stock.empty(item, locationId, at));
            state.putStock(stock.withOnHand(qtyOnHand, at));
            return state.stockOf(item.itemId());
        });
    }

    /** Adds an item, with empty stock rows at every seeded location; 400 when the item id is taken. */
    P21Item addItem(String itemId, String description, BigDecimal listPrice) {
        return store.write((state, at) -> {
            if (state.item(itemId).isPresent()) {
                throw P21ControlException.badRequest("item_id " + itemId + " already exists");
            }
            P21Item item = new P21Item(state.takeInvMastUid(), itemId, description, listPrice, at);
            state.putItem(item);
            for (long location : P21Seed.LOCATIONS) {
                state.putStock(P21Stock.empty(item, location, at));
            }
            return item;
        });
    }

    /**
     * Ships everything still open on the order from its source location: one pick ticket with a detail row per
     * shipped line; stock leaves on hand and allocation. 404 for an unknown order, 400 when nothing is left to ship.
     */
    P21PickTicket ship(String orderNo, String carrierId, String trackingNo) {
        return ship(orderNo, carrierId, trackingNo, Map.of());
    }

    /**
     * Ships {@code quantities} (by {@code oe_line_no}) on one pick ticket, or everything still open when it is empty:
     * a partial shipment leaves the order open ({@code completed = 'N'}) until its last line ships. 400 for an
     * unknown line, a quantity above what is open, a cancelled order or an RMA; 409 for an order on hold.
     */
    P21PickTicket ship(String orderNo, String carrierId, String trackingNo, Map<Integer, BigDecimal> quantities) {
        return store.write((state, at) -> {
            P21Order order = state.order(orderNo)
                    .orElseThrow(() -> P21ControlException.notFound("order_no " + orderNo + " not found"));
            if (order.rma()) {
                throw P21ControlException.badRequest("order " + orderNo + " is an RMA; receive it instead");
            }
            if (order.cancelled()) {
                throw P21ControlException.badRequest("order " + orderNo + " is cancelled");
            }
            if (order.held()) {
                throw P21ControlException.conflict("order " + orderNo + " is on hold"
                        + (order.holdReason() == null ? "" : " (" + order.holdReason() + ")") + "; release it first");
            }
            if (order.lines().stream().allMatch(l -> l.qtyOpen().signum() == 0)) {
                throw P21ControlException.badRequest("order " + orderNo + " has already shipped completely");
            }
            for (Map.Entry<Integer, BigDecimal> wanted : quantities.entrySet()) {
                P21OrderLine line = order.lines().stream().filter(l -> l.lineNo() == wanted.getKey()).findFirst()
                        .orElseThrow(() -> P21ControlException.badRequest("order " + orderNo + " has no line "
                                + wanted.getKey()));
                if (wanted.getValue().signum() <= 0 || wanted.getValue().compareTo(line.qtyOpen()) > 0) {
                    throw P21ControlException.badRequest("line " + wanted.getKey() + " of order " + orderNo
                            + " has " + line.qtyOpen().toPlainString() + " open; cannot ship "
                            + wanted.getValue().toPlainString());
                }
            }
            List<P21OrderLine> lines = new ArrayList<>();
            List<P21PickTicket.Line> details = new ArrayList<>();
            for (P21OrderLine line : order.lines()) {
                BigDecimal quantity = quantities.isEmpty() ? line.qtyOpen()
                        : quantities.getOrDefault(line.lineNo(), BigDecimal.ZERO);
                if (quantity.signum() == 0) {
                    lines.add(line);
                    continue;
                }
                lines.add(line.ship(quantity, at));
                if (line.otherCharge()) {
                    // a discount or fee is invoiced with the goods; nothing is picked for it
                    continue;
                }
                details.add(new P21PickTicket.Line(line.lineNo(), line.itemId(), line.invMastUid(), quantity));
                P21Item item = state.item(line.itemId()).orElseThrow();
                P21Stock stock = state.stock(item.itemId(), order.sourceLocId())
                        .orElseGet(() -> P21Stock.empty(item, order.sourceLocId(), at));
                state.putStock(stock.ship(quantity, at));
            }
            state.putOrder(order.withShipment(lines, at));
            P21PickTicket ticket = new P21PickTicket(state.takePickTicketNo(), orderNo, carrierId, trackingNo, at, at,
                    details);
            state.putPickTicket(ticket);
            return ticket;
        });
    }

    private static P21Item requireItem(P21State state, String itemId) {
        return state.item(itemId).orElseThrow(() -> P21ControlException.notFound("item_id " + itemId + " not found"));
    }
}
