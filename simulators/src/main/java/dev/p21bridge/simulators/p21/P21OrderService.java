package dev.p21bridge.simulators.p21;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The Transaction API's {@code Order} service (Order Entry). Enforces the rules P21 is known to enforce: a known
 * customer, a tax jurisdiction ({@code source_loc_id}), a requested date after the order date, known items. One item
 * on several rows stays several lines only when each row carries its {@code line_no}; unkeyed rows of one item are
 * merged, as P21 merges them. Freight is {@code freight_out}; tax is the {@code tax_amount} override, and nothing
 * when none is sent (the simulator knows no tax jurisdictions' rates). A created order allocates its quantities at
 * the source location, as P21 does at order entry; other-charge lines allocate nothing. {@code approved} N (or OFF)
 * puts an order on hold with the {@code hold_reason} sent; a held order allocates as P21 allocates held orders, but
 * cannot ship until an update with {@code approved} Y releases it.
 */
final class P21OrderService implements P21TransactionHandler {

    static final String HEADER = "TABPAGE_1.order";
    static final String LINES = "TP_ITEMS.items";

    private final P21Store store;

    P21OrderService(P21Store store) {
        this.store = store;
    }

    @Override
    public String serviceName() {
        return "Order";
    }

    @Override
    public List<ResultElement> apply(P21TransactionRequest.Transaction transaction) {
        Map<String, String> header = transaction.element(HEADER).flatMap(e -> e.rows().stream().findFirst())
                .orElse(Map.of());
        List<Map<String, String>> lines = transaction.element(LINES).map(P21TransactionRequest.DataElement::rows)
                .orElse(List.of());
        return store.write((state, at) -> {
            P21Order order = header.containsKey("order_no") ? change(state, header, lines, at)
                    : create(state, header, lines, at);
            return result(order);
        });
    }

    /**
     * An existing order, named by {@code order_no} in the header (the Transaction API's "New" status updates when the
     * key names a record): {@code cancel_flag} Y (or ON) cancels it and releases its allocation; otherwise the ship-to,
     * freight and tax sent replace the order's, and each item row keyed by {@code line_no} replaces that line, adds
     * it when new, or removes it with {@code delete_flag} Y. Refused once goods have shipped or the order is
     * cancelled, as Order Entry refuses to edit such an order.
     */
    private static P21Order change(P21State state, Map<String, String> h, List<Map<String, String>> rows, Instant at) {
        String orderNo = h.get("order_no").trim();
        P21Order order = state.order(orderNo).orElseThrow(() -> new P21Rejection("Order " + orderNo + " not found"));
        if (order.rma()) {
            throw new P21Rejection("Order " + orderNo + " is an RMA and cannot be changed in Order Entry");
        }
        Boolean approved = approved(h.get("approved"));
        if (order.cancelled()) {
            throw new P21Rejection("Order " + orderNo + " is cancelled and cannot be changed");
        }
        if (order.anyShipped()) {
            throw new P21Rejection("Order " + orderNo + " has shipped items and cannot be changed");
        }
        if (yes(h.get("cancel_flag"))) {
            P21Order cancelled = order.cancelled(at);
            releaseAllocation(state, order, at);
            state.putOrder(cancelled);
            return cancelled;
        }
        TreeMap<Integer, P21OrderLine> byNumber = new TreeMap<>();
        order.lines().forEach(line -> byNumber.put(line.lineNo(), line));
        Map<Integer, BigDecimal> allocatedBefore = new HashMap<>();
        for (Map<String, String> row : rows) {
            Integer lineNo = lineNo(row.get("line_no"));
            if (lineNo == null) {
                throw new P21Rejection("Line number is required to change the items of order " + orderNo);
            }
            P21OrderLine existing = byNumber.get(lineNo);
            if (yes(row.get("delete_flag"))) {
                if (existing != null) {
                    byNumber.remove(lineNo);
                    allocate(state, order.sourceLocId(), existing, existing.qtyAllocated().negate(), at);
                }
                continue;
            }
            String itemId = row.get("oe_order_item_id");
            P21Item item = state.item(itemId == null ? "" : itemId.trim())
                    .orElseThrow(() -> new P21Rejection("Item ID " + itemId + " not found"));
            BigDecimal quantity = decimal(row.get("unit_quantity"));
            if (quantity == null || quantity.signum() <= 0) {
                throw new P21Rejection("Quantity must be greater than zero for item " + item.itemId());
            }
            BigDecimal price = row.containsKey("unit_price") ? decimal(row.get("unit_price")) : item.listPrice();
            if (price == null || price.signum() < 0 && !item.otherCharge()) {
                throw new P21Rejection("Unit price " + row.get("unit_price") + " is not valid for item " + item.itemId());
            }
            if (existing != null && !existing.itemId().equalsIgnoreCase(item.itemId())) {
                // another item on the row: the old line goes, a new one takes its number
                allocate(state, order.sourceLocId(), existing, existing.qtyAllocated().negate(), at);
                existing = null;
            }
            P21OrderLine changed = existing != null ? existing.changed(quantity, price, at)
                    : new P21OrderLine(lineNo, state.takeOeLineUid(), item.invMastUid(), item.itemId(), quantity,
                    item.otherCharge() ? BigDecimal.ZERO : quantity, BigDecimal.ZERO, price, at, item.otherCharge());
            BigDecimal before = existing == null ? BigDecimal.ZERO : existing.qtyAllocated();
            allocate(state, order.sourceLocId(), changed, changed.qtyAllocated().subtract(before), at);
            byNumber.put(lineNo, changed);
        }
        if (byNumber.isEmpty()) {
            throw new P21Rejection("At least one line item is required");
        }
        boolean shipToSent = h.keySet().stream().anyMatch(k -> k.startsWith("ship2_"));
        P21Address shipTo = shipToSent ? new P21Address(h.get("ship2_name"), h.get("ship2_add1"), h.get("ship2_add2"),
                h.get("ship2_city"), h.get("ship2_state"), h.get("ship2_zip"), h.get("ship2_country")) : order.shipTo();
        BigDecimal freight = h.containsKey("freight_out") ? amount(h.get("freight_out"), "Freight") : order.freightOut();
        BigDecimal tax = h.containsKey("tax_amount") ? amount(h.get("tax_amount"), "Tax Amount") : order.taxAmount();
        P21Order edited = order.edited(shipTo, freight, tax, List.copyOf(byNumber.values()), at);
        if (approved != null || order.held() && h.containsKey("hold_reason")) {
            boolean onHold = approved == null ? order.held() : !approved;
            edited = edited.withHold(onHold, h.containsKey("hold_reason") ? h.get("hold_reason") : order.holdReason(), at);
        }
        state.putOrder(edited);
        return edited;
    }

    /**
     * Releases a held order as a P21 user does by approving it: status {@code open}, no hold reason. Throws
     * {@link P21Rejection} when the order is not on hold (or is unknown).
     */
    static P21Order release(P21State state, String orderNo, Instant at) {
        P21Order order = state.order(orderNo).filter(o -> !o.rma())
                .orElseThrow(() -> new P21Rejection("Order " + orderNo + " not found"));
        if (!order.held() || order.cancelled()) {
            throw new P21Rejection("Order " + orderNo + " is not on hold (status " + order.status() + ")");
        }
        return change(state, Map.of("order_no", orderNo, "approved", "Y"), List.of(), at);
    }

    /** {@code approved} as sent: Y/ON true, N/OFF false (code or display value), null when not sent. */
    private static Boolean approved(String flag) {
        if (flag == null) {
            return null;
        }
        if (yes(flag)) {
            return true;
        }
        String value = flag.trim();
        if (value.equalsIgnoreCase("N") || value.equalsIgnoreCase("OFF")) {
            return false;
        }
        throw new P21Rejection("Approved '" + flag + "' is not a valid value");
    }

    /** Cancels an order as a P21 user does in Order Entry; what a cancellation through the Transaction API does. */
    static P21Order cancel(P21State state, String orderNo, Instant at) {
        return change(state, Map.of("order_no", orderNo, "cancel_flag", "Y"), List.of(), at);
    }

    private static void releaseAllocation(P21State state, P21Order order, Instant at) {
        for (P21OrderLine line : order.lines()) {
            allocate(state, order.sourceLocId(), line, line.qtyAllocated().negate(), at);
        }
    }

    /** Adds {@code change} (negative releases) to the line's item allocation at the location. */
    private static void allocate(P21State state, long location, P21OrderLine line, BigDecimal change, Instant at) {
        if (line.otherCharge() || change.signum() == 0) {
            return;
        }
        P21Item item = state.item(line.itemId()).orElseThrow();
        P21Stock stock = state.stock(item.itemId(), location).orElseGet(() -> P21Stock.empty(item, location, at));
        state.putStock(stock.allocate(change, at));
    }

    static boolean yes(String flag) {
        return flag != null && (flag.trim().equalsIgnoreCase("Y") || flag.trim().equalsIgnoreCase("ON"));
    }

    private static P21Order create(P21State state, Map<String, String> h, List<Map<String, String>> rows, Instant at) {
        if (h.containsKey("company_id")) {
            throw new P21Rejection("Column company_id is disabled and cannot be changed");
        }
        String customerText = h.get("customer_id");
        if (customerText == null || customerText.isBlank()) {
            throw new P21Rejection("Customer ID is required");
        }
        P21Customer customer = customerId(customerText).flatMap(state::customer)
                .orElseThrow(() -> new P21Rejection("Customer ID " + customerText + " not found"));
        if (h.get("source_loc_id") == null) {
            throw new P21Rejection("Jurisdiction ID for Order Header Tax is required");
        }
        long sourceLoc = location(h.get("source_loc_id"));
        long salesLoc = h.containsKey("sales_loc_id") ? location(h.get("sales_loc_id")) : sourceLoc;
        LocalDate orderDate = date(h.get("order_date"), "Order Date", LocalDate.now(ZoneOffset.UTC));
        LocalDate requestedDate = date(h.get("requested_date"), "Requested Date", orderDate.plusDays(1));
        if (!requestedDate.isAfter(orderDate)) {
            throw new P21Rejection("Requested date must be after order date");
        }
        BigDecimal freight = amount(h.get("freight_out"), "Freight");
        BigDecimal tax = amount(h.get("tax_amount"), "Tax Amount");
        boolean held = Boolean.FALSE.equals(approved(h.get("approved")));
        List<P21OrderLine> lines = lines(state, rows, at);

        String orderNo = state.takeOrderNo();
        P21Order order = new P21Order(orderNo, customer.customerId(), h.get("po_no"), h.get("web_reference_no"),
                orderDate, requestedDate, salesLoc, sourceLoc, h.get("taker"), h.get("ship_to_id"),
                h.get("contact_id"), shipTo(h, customer), freight, tax, false, at, at, lines, h.get("carrier_id"),
                h.getOrDefault("terms", customer.fields().get("terms_id")), h.get("notes"), false, held,
                held ? h.get("hold_reason") : null, false, null, h.get("salesrep_id"));
        state.putOrder(order);
        for (P21OrderLine line : lines) {
            if (line.otherCharge()) {
                continue;
            }
            P21Item item = state.item(line.itemId()).orElseThrow();
            P21Stock stock = state.stock(item.itemId(), sourceLoc).orElseGet(() -> P21Stock.empty(item, sourceLoc, at));
            state.putStock(stock.allocate(line.qtyOrdered(), at));
        }
        return order;
    }

    /**
     * Validates every line before anything is taken from the state, so a rejected order consumes no numbers. A row
     * with its own {@code line_no} (its row key) stays its own line; a row without one that names an item already on
     * an unkeyed line is merged into it (quantities added, the first price kept), as P21 does. A negative price is
     * allowed on an other-charge item only.
     */
    private static List<P21OrderLine> lines(P21State state, List<Map<String, String>> rows, Instant at) {
        if (rows.isEmpty()) {
            throw new P21Rejection("At least one line item is required");
        }
        TreeMap<Integer, P21OrderLine> byNumber = new TreeMap<>();
        Map<String, Integer> unkeyed = new HashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            Map<String, String> row = rows.get(i);
            String itemId = row.get("oe_order_item_id");
            if (itemId == null || itemId.isBlank()) {
                throw new P21Rejection("Item ID is required on line " + (i + 1));
            }
            P21Item item = state.item(itemId.trim())
                    .orElseThrow(() -> new P21Rejection("Item ID " + itemId + " not found"));
            BigDecimal quantity = decimal(row.get("unit_quantity"));
            if (quantity == null || quantity.signum() <= 0) {
                throw new P21Rejection("Quantity must be greater than zero for item " + item.itemId());
            }
            BigDecimal price = row.containsKey("unit_price") ? decimal(row.get("unit_price")) : item.listPrice();
            if (price == null || price.signum() < 0 && !item.otherCharge()) {
                throw new P21Rejection("Unit price " + row.get("unit_price") + " is not valid for item " + item.itemId());
            }
            Integer lineNo = lineNo(row.get("line_no"));
            String key = item.itemId().toUpperCase(Locale.ROOT);
            if (lineNo == null && unkeyed.containsKey(key)) {
                int merged = unkeyed.get(key);
                byNumber.put(merged, byNumber.get(merged).plus(quantity));
                continue;
            }
            if (lineNo == null) {
                lineNo = byNumber.isEmpty() ? 1 : byNumber.lastKey() + 1;
                unkeyed.put(key, lineNo);
            } else if (byNumber.containsKey(lineNo)) {
                throw new P21Rejection("Line number " + lineNo + " is used twice");
            }
            BigDecimal allocated = item.otherCharge() ? BigDecimal.ZERO : quantity;
            byNumber.put(lineNo, new P21OrderLine(lineNo, 0, item.invMastUid(), item.itemId(), quantity, allocated,
                    BigDecimal.ZERO, price, at, item.otherCharge()));
        }
        List<P21OrderLine> lines = new ArrayList<>();
        for (P21OrderLine line : byNumber.values()) {
            lines.add(new P21OrderLine(line.lineNo(), state.takeOeLineUid(), line.invMastUid(), line.itemId(),
                    line.qtyOrdered(), line.qtyAllocated(), line.qtyInvoiced(), line.unitPrice(), at,
                    line.otherCharge()));
        }
        return lines;
    }

    static Integer lineNo(String text) {
        if (text == null) {
            return null;
        }
        try {
            int lineNo = Integer.parseInt(text.trim());
            if (lineNo > 0) {
                return lineNo;
            }
        } catch (NumberFormatException e) {
            // falls through to the rejection below
        }
        throw new P21Rejection("Line number " + text + " is not valid");
    }

    /** The ship-to sent, or the customer's own address when none was sent, as P21 defaults it. */
    private static P21Address shipTo(Map<String, String> h, P21Customer c) {
        boolean sent = h.keySet().stream().anyMatch(k -> k.startsWith("ship2_"));
        if (!sent) {
            return new P21Address(c.customerName(), c.physAddress1(), c.physAddress2(), c.physCity(), c.physState(),
                    c.physPostalCode(), c.physCountry());
        }
        return new P21Address(h.get("ship2_name"), h.get("ship2_add1"), h.get("ship2_add2"), h.get("ship2_city"),
                h.get("ship2_state"), h.get("ship2_zip"), h.get("ship2_country"));
    }

    static List<ResultElement> result(P21Order order) {
        Map<String, String> header = new LinkedHashMap<>();
        header.put("order_no", order.orderNo());
        header.put("customer_id", Long.toString(order.customerId()));
        header.put("sales_loc_id", Long.toString(order.salesLocId()));
        header.put("source_loc_id", Long.toString(order.sourceLocId()));
        header.put("order_date", order.orderDate().toString());
        header.put("requested_date", order.requestedDate().toString());
        putIfPresent(header, "po_no", order.poNo());
        putIfPresent(header, "web_reference_no", order.webReferenceNo());
        putIfPresent(header, "taker", order.taker());
        putIfPresent(header, "original_order_no", order.originalOrderNo());
        if (!order.rma()) {
            header.put("approved", order.held() ? "N" : "Y");
        }
        List<Map<String, String>> lines = new ArrayList<>();
        for (P21OrderLine line : order.lines()) {
            Map<String, String> edits = new LinkedHashMap<>();
            edits.put("line_no", Integer.toString(line.lineNo()));
            edits.put("oe_order_item_id", line.itemId());
            edits.put("unit_quantity", line.qtyOrdered().toPlainString());
            edits.put("unit_price", line.unitPrice().toPlainString());
            edits.put("extended_price", line.extendedPrice().toPlainString());
            lines.add(edits);
        }
        return List.of(new ResultElement(HEADER, List.of(header)), new ResultElement(LINES, lines));
    }

    private static void putIfPresent(Map<String, String> edits, String name, String value) {
        if (value != null) {
            edits.put(name, value);
        }
    }

    static Optional<Long> customerId(String text) {
        try {
            return Optional.of(Long.parseLong(text.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static long location(String text) {
        try {
            long location = Long.parseLong(text.trim());
            if (location > 0) {
                return location;
            }
        } catch (NumberFormatException e) {
            // falls through to the rejection below
        }
        throw new P21Rejection("Location ID " + text + " not found");
    }

    static LocalDate date(String text, String field, LocalDate fallback) {
        if (text == null) {
            return fallback;
        }
        try {
            String trimmed = text.trim();
            return LocalDate.parse(trimmed.length() > 10 && trimmed.charAt(10) == 'T' ? trimmed.substring(0, 10) : trimmed);
        } catch (DateTimeParseException e) {
            throw new P21Rejection(field + " '" + text + "' is not a valid date");
        }
    }

    private static BigDecimal amount(String text, String field) {
        if (text == null) {
            return BigDecimal.ZERO;
        }
        BigDecimal value = decimal(text);
        if (value == null || value.signum() < 0) {
            throw new P21Rejection(field + " '" + text + "' is not a valid amount");
        }
        return value;
    }

    static BigDecimal decimal(String text) {
        if (text == null) {
            return null;
        }
        try {
            return new BigDecimal(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
