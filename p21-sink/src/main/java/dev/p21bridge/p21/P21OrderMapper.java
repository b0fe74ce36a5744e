package dev.p21bridge.p21;

import dev.p21bridge.p21client.TransactionSet.DataElement;
import dev.p21bridge.p21client.TransactionSet.Edit;
import dev.p21bridge.p21client.TransactionSet.Row;
import dev.p21bridge.p21client.TransactionSet;
import dev.p21bridge.schemas.Address;
import dev.p21bridge.schemas.Contact;
import dev.p21bridge.schemas.Order;
import dev.p21bridge.schemas.OrderLine;
import dev.p21bridge.schemas.P21OrderDefaults;
import dev.p21bridge.schemas.PaymentInfo;
import dev.p21bridge.schemas.PaymentStatus;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Turns a canonical order into the Transaction API sets that create it in P21: the customer (service
 * {@code Customer}) and the sales order (service {@code Order}). Fields the order lacks are left out rather than sent
 * empty, so P21 applies its own defaults. The order key goes to {@code web_reference_no}: it is how the sink finds
 * an order it wrote before.
 *
 * <p>Money goes the way P21 invoices it, so that P21's own total is the storefront's to the cent (docs/p21-orders.md):
 * each line at the storefront's unit price; the discount as one more line of the configured other-charge item at a
 * negative price; freight as {@code freight_out}; tax as the {@code tax_amount} override, since P21's own tax
 * computation would differ from the storefront's. Every line carries its {@code line_no}: P21 merges rows of one
 * item sent without row keys, and a storefront may put one item on several lines.
 */
public final class P21OrderMapper {

    public static final String ORDER_SERVICE = "Order";
    public static final String ORDER_HEADER = "TABPAGE_1.order";
    public static final String ORDER_ITEMS = "TP_ITEMS.items";
    public static final String CUSTOMER_SERVICE = "Customer";
    public static final String CUSTOMER_FORM = "TABPAGE_1.customer";

    private final OrderMapping mapping;

    /** With every {@link OrderMapping} setting at its default. */
    public P21OrderMapper() {
        this(OrderMapping.defaults());
    }

    public P21OrderMapper(OrderMapping mapping) {
        this.mapping = mapping;
    }

    /**
     * The sales order for {@code customerId}. {@code requested_date} is kept after {@code order_date}, which P21
     * demands, even if the defaults say otherwise.
     */
    public TransactionSet salesOrder(Order order, String customerId) {
        return salesOrder(order, customerId, Optional.empty());
    }

    /**
     * The sales order, on hold when {@code holdReason} is present: {@code approved} unchecked ("OFF") and the reason
     * in {@code hold_reason}, so P21 allocates its stock but does not let it be picked until it is released
     * ({@link #release}). See docs/p21-cash.md for the names.
     */
    public TransactionSet salesOrder(Order order, String customerId, Optional<String> holdReason) {
        P21OrderDefaults p21 = order.getP21();
        LocalDate orderDate = order.getOrderDate().atZone(ZoneOffset.UTC).toLocalDate();
        LocalDate requested = p21.getRequestedDate().isAfter(orderDate) ? p21.getRequestedDate() : orderDate.plusDays(1);
        List<Edit> header = new ArrayList<>();
        add(header, "customer_id", customerId);
        add(header, "sales_loc_id", p21.getSalesLocationId());
        add(header, "source_loc_id", p21.getSourceLocationId());
        add(header, "taker", p21.getTaker());
        add(header, "order_date", orderDate.toString());
        add(header, "requested_date", requested.toString());
        add(header, "po_no", poNumber(order));
        add(header, "web_reference_no", order.getOrderKey());
        shipTo(order).forEach((name, value) -> add(header, name, value));
        // a mapping rule's choice first (docs/mappings.md), else this sink's ship-via map
        add(header, "carrier_id", p21.getShipViaId() != null ? p21.getShipViaId()
                : mapping.carrierFor(order.getShippingMethod()));
        add(header, "salesrep_id", p21.getSalesRepId());
        add(header, "terms", terms(order));
        add(header, "notes", order.getNotes());
        add(header, "freight_out", money(order.getTotals().getShipping()));
        add(header, "tax_amount", money(order.getTotals().getTax()));
        holdReason.ifPresent(reason -> {
            add(header, "approved", "OFF");
            add(header, "hold_reason", reason);
        });
        List<List<Edit>> items = new ArrayList<>();
        for (ItemRow row : itemRows(order)) {
            items.add(itemRow(row.lineNo(), row.itemId(), row.quantity(), row.unitPrice()));
        }
        return TransactionSet.newRecord(ORDER_SERVICE,
                List.of(DataElement.form(ORDER_HEADER, header), DataElement.list(ORDER_ITEMS, items)));
    }

    /** One item row as the sink writes it: the storefront's lines numbered from 1, then the discount line if any. */
    public record ItemRow(int lineNo, String itemId, BigDecimal quantity, BigDecimal unitPrice) {
    }

    /** The item rows of {@code order}, as {@link #salesOrder} writes them. */
    public List<ItemRow> itemRows(Order order) {
        List<ItemRow> rows = new ArrayList<>();
        for (OrderLine line : order.getLines()) {
            rows.add(new ItemRow(rows.size() + 1, line.getP21ItemId(), line.getQuantity(), line.getUnitPrice()));
        }
        BigDecimal discount = order.getTotals().getDiscount();
        if (discount.signum() > 0) {
            rows.add(new ItemRow(rows.size() + 1, mapping.discountItemId(), BigDecimal.ONE, discount.negate()));
        }
        return rows;
    }

    /** The {@code ship2_*} columns of {@code order}'s shipping address (empty when it has none), null when absent. */
    public Map<String, String> shipTo(Order order) {
        Map<String, String> columns = new LinkedHashMap<>();
        Address ship = order.getShippingAddress();
        if (ship != null) {
            columns.put("ship2_name", firstPresent(ship.getName(), ship.getCompany(), fullName(order.getCustomer())));
            columns.put("ship2_add1", ship.getLine1());
            columns.put("ship2_add2", ship.getLine2());
            columns.put("ship2_city", ship.getCity());
            columns.put("ship2_state", ship.getRegionCode());
            columns.put("ship2_zip", ship.getPostalCode());
            columns.put("ship2_country", ship.getCountryCode());
        }
        return columns;
    }

    /**
     * The change of the existing P21 order {@code orderNo} to what {@code order} now says, through the same
     * {@code Order} service (docs/order-updates.md): the header names the order by {@code order_no} and carries the
     * ship-to, freight and tax; the item rows are keyed by {@code line_no}, so each replaces the P21 line of its
     * number or adds it; a P21 line number the order no longer has is sent with {@code delete_flag} checked ("ON").
     */
    public TransactionSet orderChange(Order order, String orderNo, List<Integer> p21LineNos) {
        List<Edit> header = new ArrayList<>();
        header.add(new Edit("order_no", orderNo));
        shipTo(order).forEach((name, value) -> add(header, name, value));
        add(header, "freight_out", money(order.getTotals().getShipping()));
        add(header, "tax_amount", money(order.getTotals().getTax()));
        List<Row> items = new ArrayList<>();
        List<ItemRow> rows = itemRows(order);
        for (ItemRow row : rows) {
            items.add(new Row(itemRow(row.lineNo(), row.itemId(), row.quantity(), row.unitPrice()), List.of()));
        }
        for (int lineNo : p21LineNos) {
            if (lineNo > rows.size()) {
                items.add(new Row(List.of(new Edit("line_no", Integer.toString(lineNo)), new Edit("delete_flag", "ON")),
                        List.of()));
            }
        }
        return TransactionSet.newRecord(ORDER_SERVICE, List.of(DataElement.form(ORDER_HEADER, header),
                new DataElement(ORDER_ITEMS, "List", List.of("line_no"), items)));
    }

    /** Takes the P21 order {@code orderNo} off hold: {@code approved} checked, "ON" as a display value. */
    public TransactionSet release(String orderNo) {
        return TransactionSet.newRecord(ORDER_SERVICE, List.of(DataElement.form(ORDER_HEADER,
                List.of(new Edit("order_no", orderNo), new Edit("approved", "ON")))));
    }

    /** Cancels the P21 order {@code orderNo}: its header with {@code cancel_flag} checked, "ON" as a display value (docs/order-updates.md). */
    public TransactionSet cancellation(String orderNo) {
        return TransactionSet.newRecord(ORDER_SERVICE, List.of(DataElement.form(ORDER_HEADER,
                List.of(new Edit("order_no", orderNo), new Edit("cancel_flag", "ON")))));
    }

    /** A new P21 customer for the order's buyer, at the billing address (the shipping one when there is none). */
    public TransactionSet customer(Order order) {
        Contact contact = order.getCustomer();
        Address address = order.getBillingAddress() != null ? order.getBillingAddress() : order.getShippingAddress();
        List<Edit> edits = new ArrayList<>();
        add(edits, "customer_name", customerName(contact, address));
        add(edits, "email_address", contact.getEmail());
        add(edits, "first_name", contact.getFirstName());
        add(edits, "last_name", contact.getLastName());
        if (address != null) {
            add(edits, "phys_address1", address.getLine1());
            add(edits, "phys_address2", address.getLine2());
            add(edits, "phys_city", address.getCity());
            add(edits, "phys_state", address.getRegionCode());
            add(edits, "phys_postal_code", address.getPostalCode());
            add(edits, "phys_country", address.getCountryCode());
        }
        add(edits, "central_phone_number", firstPresent(contact.getPhone(), address == null ? null : address.getPhone()));
        return TransactionSet.newRecord(CUSTOMER_SERVICE, List.of(DataElement.form(CUSTOMER_FORM, edits)));
    }

    /** The customer's own PO number when there is one, else the number the shopper saw, else the storefront id. */
    static String poNumber(Order order) {
        return firstPresent(order.getPayment().getPoNumber(), order.getOrderNumber(), order.getOrderId());
    }

    /** A quantity without trailing zeros: {@code 8.0000} is {@code "8"}, {@code 2.5000} is {@code "2.5"}. */
    static String quantity(BigDecimal quantity) {
        BigDecimal stripped = quantity.stripTrailingZeros();
        return (stripped.scale() < 0 ? stripped.setScale(0) : stripped).toPlainString();
    }

    static String money(BigDecimal amount) {
        return amount == null ? null : amount.toPlainString();
    }

    /**
     * The order's own terms when it has them; for an order the shopper paid at checkout, the prepaid terms; else
     * nothing, and P21 takes the customer's terms.
     */
    String terms(Order order) {
        PaymentInfo payment = order.getPayment();
        if (payment.getTerms() != null && !payment.getTerms().isBlank()) {
            return mapping.termsCodeFor(payment.getTerms().strip());
        }
        return payment.getStatus() == PaymentStatus.PAID || payment.getStatus() == PaymentStatus.AUTHORIZED
                ? mapping.prepaidTerms() : null;
    }

    private static List<Edit> itemRow(int lineNo, String itemId, BigDecimal quantity, BigDecimal unitPrice) {
        List<Edit> row = new ArrayList<>();
        add(row, "line_no", Integer.toString(lineNo));
        add(row, "oe_order_item_id", itemId);
        add(row, "unit_quantity", quantity(quantity));
        add(row, "unit_price", money(unitPrice));
        return row;
    }

    private static String customerName(Contact contact, Address address) {
        return firstPresent(contact.getCompany(), fullName(contact), address == null ? null : address.getCompany(),
                address == null ? null : address.getName(), contact.getEmail());
    }

    private static String fullName(Contact contact) {
        String name = String.join(" ", Stream.of(contact.getFirstName(), contact.getLastName())
                .filter(part -> part != null && !part.isBlank()).map(String::strip).toList());
        return name.isEmpty() ? null : name;
    }

    private static String firstPresent(String... candidates) {
        for (String candidate : candidates) {
            if (candidate != null && !candidate.isBlank()) {
                return candidate.strip();
            }
        }
        return null;
    }

    private static void add(List<Edit> edits, String name, String value) {
        if (value != null && !value.isBlank()) {
            edits.add(new Edit(name, value));
        }
    }
}
