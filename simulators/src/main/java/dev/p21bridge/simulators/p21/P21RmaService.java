package dev.p21bridge.simulators.p21;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Transaction API's {@code RMA} service (RMA Entry), in the shape this project assumes (docs/p21-cash.md says
 * which field names are inferred): an {@code oe_hdr} row with {@code rma_flag = 'Y'} numbered from the order
 * counter, returning goods of {@code original_order_no}. Refused: an unknown original order, another customer's, an
 * item not on it, or more of an item than it shipped less what its earlier RMAs return. An RMA allocates nothing;
 * {@link #receive} brings the goods back to stock and credits the customer with a credit memo.
 */
final class P21RmaService implements P21TransactionHandler {

    private final P21Store store;

    P21RmaService(P21Store store) {
        this.store = store;
    }

    @Override
    public String serviceName() {
        return "RMA";
    }

    @Override
    public List<ResultElement> apply(P21TransactionRequest.Transaction transaction) {
        Map<String, String> header = transaction.element(P21OrderService.HEADER)
                .flatMap(e -> e.rows().stream().findFirst()).orElse(Map.of());
        List<Map<String, String>> rows = transaction.element(P21OrderService.LINES)
                .map(P21TransactionRequest.DataElement::rows).orElse(List.of());
        return store.write((state, at) -> P21OrderService.result(create(state, header, rows, at)));
    }

    private static P21Order create(P21State state, Map<String, String> h, List<Map<String, String>> rows, Instant at) {
        String originalNo = h.get("original_order_no");
        if (originalNo == null || originalNo.isBlank()) {
            throw new P21Rejection("Original Order No is required");
        }
        P21Order original = state.order(originalNo.trim()).filter(o -> !o.rma())
                .orElseThrow(() -> new P21Rejection("Original Order No " + originalNo + " not found"));
        String customerText = h.get("customer_id");
        if (customerText != null && P21OrderService.customerId(customerText)
                .filter(id -> id == original.customerId()).isEmpty()) {
            throw new P21Rejection("Customer ID " + customerText + " is not the customer of order "
                    + original.orderNo());
        }
        List<P21OrderLine> lines = lines(state, original, rows, at);
        LocalDate today = P21Receivables.today(at);
        P21Order rma = new P21Order(state.takeOrderNo(), original.customerId(), h.get("po_no"),
                h.get("web_reference_no"), today, today.plusDays(1), original.salesLocId(), original.sourceLocId(),
                h.get("taker"), original.shipToId(), original.contactId(), original.shipTo(), BigDecimal.ZERO,
                BigDecimal.ZERO, false, at, at, numbered(state, lines), null, original.terms(), null, false, false,
                null, false, original.orderNo());
        state.putOrder(rma);
        return rma;
    }

    /** Validates every row before any number is taken; quantities are checked per item over all rows. */
    private static List<P21OrderLine> lines(P21State state, P21Order original, List<Map<String, String>> rows,
                                            Instant at) {
        if (rows.isEmpty()) {
            throw new P21Rejection("At least one line item is required");
        }
        TreeMap<Integer, P21OrderLine> byNumber = new TreeMap<>();
        Map<String, BigDecimal> returned = new HashMap<>();
        for (Map<String, String> row : rows) {
            String itemId = row.get("oe_order_item_id");
            P21OrderLine sold = original.lines().stream()
                    .filter(l -> !l.otherCharge() && itemId != null && l.itemId().equalsIgnoreCase(itemId.trim()))
                    .findFirst()
                    .orElseThrow(() -> new P21Rejection("Item ID " + itemId + " is not on order " + original.orderNo()));
            BigDecimal quantity = P21OrderService.decimal(row.get("unit_quantity"));
            if (quantity == null || quantity.signum() <= 0) {
                throw new P21Rejection("Quantity must be greater than zero for item " + sold.itemId());
            }
            BigDecimal price = row.containsKey("unit_price") ? P21OrderService.decimal(row.get("unit_price"))
                    : sold.unitPrice();
            if (price == null || price.signum() < 0) {
                throw new P21Rejection("Unit price " + row.get("unit_price") + " is not valid for item " + sold.itemId());
            }
            Integer lineNo = P21OrderService.lineNo(row.get("line_no"));
            if (lineNo == null) {
                lineNo = byNumber.isEmpty() ? 1 : byNumber.lastKey() + 1;
            } else if (byNumber.containsKey(lineNo)) {
                throw new P21Rejection("Line number " + lineNo + " is used twice");
            }
            returned.merge(sold.itemId().toUpperCase(Locale.ROOT), quantity, BigDecimal::add);
            byNumber.put(lineNo, new P21OrderLine(lineNo, 0, sold.invMastUid(), sold.itemId(), quantity,
                    BigDecimal.ZERO, BigDecimal.ZERO, price, at, false));
        }
        for (Map.Entry<String, BigDecimal> item : returned.entrySet()) {
            BigDecimal returnable = returnable(state, original, item.getKey());
            if (item.getValue().compareTo(returnable) > 0) {
                throw new P21Rejection("Quantity " + item.getValue().toPlainString() + " of item " + item.getKey()
                        + " exceeds the " + returnable.toPlainString() + " returnable on order " + original.orderNo());
            }
        }
        return List.copyOf(byNumber.values());
    }

    /** What order shipped of the item less what its earlier RMAs (open or received) return. */
    private static BigDecimal returnable(P21State state, P21Order original, String itemKey) {
        BigDecimal shipped = quantity(original, itemKey, P21OrderLine::qtyInvoiced);
        for (P21Order earlier : state.rmasOf(original.orderNo())) {
            shipped = shipped.subtract(quantity(earlier, itemKey, P21OrderLine::qtyOrdered));
        }
        return shipped.max(BigDecimal.ZERO);
    }

    private static BigDecimal quantity(P21Order order, String itemKey,
                                       java.util.function.Function<P21OrderLine, BigDecimal> column) {
        return order.lines().stream().filter(l -> !l.otherCharge() && l.itemId().equalsIgnoreCase(itemKey))
                .map(column).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static List<P21OrderLine> numbered(P21State state, List<P21OrderLine> lines) {
        List<P21OrderLine> numbered = new ArrayList<>(lines.size());
        for (P21OrderLine l : lines) {
            numbered.add(new P21OrderLine(l.lineNo(), state.takeOeLineUid(), l.invMastUid(), l.itemId(),
                    l.qtyOrdered(), l.qtyAllocated(), l.qtyInvoiced(), l.unitPrice(), l.dateLastModified(), false));
        }
        return numbered;
    }

    /**
     * Receives an RMA's goods as a P21 user does: each item's {@code qty_on_hand} at the RMA's location goes up by the
     * returned quantity, and the customer is credited with a credit memo ({@code invoice_adjustment_type = 'C'}) for
     * the merchandise (quantity times unit price; no tax, freight or restocking fee), paid in full by itself. The RMA
     * is then {@code completed}. 404 for an unknown RMA, 409 when it was received already.
     */
    static P21Invoice receive(P21State state, String rmaNo, Instant at) {
        P21Order rma = state.order(rmaNo).filter(P21Order::rma)
                .orElseThrow(() -> P21ControlException.notFound("rma_no " + rmaNo + " not found"));
        if (rma.completed()) {
            throw P21ControlException.conflict("RMA " + rmaNo + " is received already");
        }
        BigDecimal credit = BigDecimal.ZERO;
        for (P21OrderLine line : rma.lines()) {
            P21Item item = state.item(line.itemId()).orElseThrow();
            P21Stock stock = state.stock(item.itemId(), rma.sourceLocId())
                    .orElseGet(() -> P21Stock.empty(item, rma.sourceLocId(), at));
            state.putStock(stock.withOnHand(stock.qtyOnHand().add(line.qtyOrdered()), at));
            credit = credit.add(line.extendedPrice());
        }
        P21Invoice memo = new P21Invoice(state.takeInvoiceNo(), rma.orderNo(), rma.customerId(),
                P21Receivables.today(at), credit.negate(), BigDecimal.ZERO, BigDecimal.ZERO, credit.negate(),
                P21Invoice.CREDIT_MEMO, at, at);
        state.putInvoice(memo);
        state.putOrder(rma.received(at));
        return memo;
    }

    /** As {@code GET /sim/rmas} shows an RMA. */
    static Map<String, Object> json(P21Order rma, P21State state) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("rma_no", rma.orderNo());
        json.put("order_no", rma.originalOrderNo());
        json.put("web_reference_no", rma.webReferenceNo());
        json.put("customer_id", Long.toString(rma.customerId()));
        List<Map<String, Object>> lines = new ArrayList<>();
        for (P21OrderLine line : rma.lines()) {
            Map<String, Object> l = new LinkedHashMap<>();
            l.put("line_no", Integer.toString(line.lineNo()));
            l.put("item_id", line.itemId());
            l.put("qty", line.qtyOrdered().toPlainString());
            l.put("unit_price", line.unitPrice().toPlainString());
            lines.add(l);
        }
        json.put("lines", lines);
        json.put("status", rma.status());
        json.put("credit_memo_no", state.invoiceOfOrder(rma.orderNo()).map(P21Invoice::invoiceNo).orElse(null));
        return json;
    }
}
