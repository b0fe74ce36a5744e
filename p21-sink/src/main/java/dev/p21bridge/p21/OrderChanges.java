package dev.p21bridge.p21;

import dev.p21bridge.p21.P21OrderMapper.ItemRow;
import dev.p21bridge.schemas.FulfillmentStatus;
import dev.p21bridge.schemas.Order;
import dev.p21bridge.schemas.PaymentStatus;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a storefront update asks of a P21 order: whether it is a cancellation (docs/contract.md section 3: the order's
 * status says cancelled, i.e. fulfillment {@code CANCELLED} or payment {@code CANCELLED}/{@code DECLINED}), and which
 * of the lines, ship-to, freight and tax differ from what P21 holds, in words an operator can read.
 */
final class OrderChanges {

    private OrderChanges() {
    }

    static boolean isCancellation(Order order) {
        PaymentStatus payment = order.getPayment().getStatus();
        return order.getFulfillmentStatus() == FulfillmentStatus.CANCELLED || payment == PaymentStatus.CANCELLED
                || payment == PaymentStatus.DECLINED;
    }

    /** Each difference between {@code order} and the P21 order, as a phrase; empty when they agree. */
    static List<String> describe(P21OrderMapper mapper, Order order, P21OrderReader.State p21) {
        List<String> changes = new ArrayList<>();
        TreeMap<Integer, P21OrderReader.Line> held = new TreeMap<>();
        p21.lines().forEach(line -> held.put(line.lineNo(), line));
        for (ItemRow row : mapper.itemRows(order)) {
            P21OrderReader.Line line = held.remove(row.lineNo());
            if (line == null) {
                changes.add("line " + row.lineNo() + " added: " + row.itemId() + " x " + plain(row.quantity()));
            } else if (!line.itemId().equalsIgnoreCase(row.itemId())) {
                changes.add("line " + row.lineNo() + " item " + line.itemId() + " -> " + row.itemId());
            } else {
                if (line.qtyOrdered().compareTo(row.quantity()) != 0) {
                    changes.add("line " + row.lineNo() + " " + row.itemId() + " quantity " + plain(line.qtyOrdered())
                            + " -> " + plain(row.quantity()));
                }
                if (line.unitPrice().compareTo(row.unitPrice()) != 0) {
                    changes.add("line " + row.lineNo() + " " + row.itemId() + " unit price "
                            + plain(line.unitPrice()) + " -> " + plain(row.unitPrice()));
                }
            }
        }
        held.values().forEach(line -> changes.add("line " + line.lineNo() + " " + line.itemId() + " removed"));
        Map<String, String> shipTo = mapper.shipTo(order);
        List<String> address = new ArrayList<>();
        for (String column : P21OrderReader.SHIP_TO) {
            if (shipTo.isEmpty()) {
                break;
            }
            if (!Objects.equals(blankless(shipTo.get(column)), blankless(p21.shipTo().get(column)))) {
                address.add(column);
            }
        }
        if (!address.isEmpty()) {
            changes.add("shipping address (" + String.join(", ", address) + ")");
        }
        BigDecimal freight = order.getTotals().getShipping();
        if (freight != null && freight.compareTo(p21.freight()) != 0) {
            changes.add("freight " + plain(p21.freight()) + " -> " + plain(freight));
        }
        BigDecimal tax = order.getTotals().getTax();
        if (tax != null && tax.compareTo(p21.tax()) != 0) {
            changes.add("tax " + plain(p21.tax()) + " -> " + plain(tax));
        }
        return changes;
    }

    private static String blankless(String value) {
        return value == null || value.isBlank() ? null : value.strip().toUpperCase(Locale.ROOT);
    }

    private static String plain(BigDecimal value) {
        return P21OrderMapper.quantity(value);
    }
}
