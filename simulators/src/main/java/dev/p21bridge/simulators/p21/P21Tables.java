package dev.p21bridge.simulators.p21;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The OData tables the simulator exposes and how each row is typed in JSON: ids and quantities as numbers (money
 * and quantities as exact decimals), order numbers and item ids as strings, flags as {@code 'Y'}/{@code 'N'},
 * dates as ISO-8601 UTC instants. Every row carries {@code date_last_modified} and {@code row_status_flag} 704
 * (active), which pollers filter on.
 */
final class P21Tables {

    static final int ROW_STATUS_ACTIVE = 704;

    /**
     * One table: its columns in order, how to produce its rows from the state, and for some text columns how to
     * produce just the rows with a given value there (an index, as P21's SQL Server has on these columns).
     */
    record Table(String name, List<String> columns, BiConsumer<P21State, List<List<Object>>> rows,
                 Map<String, Index> indexes) {

        /** The rows whose column equals {@code value} as {@link ODataValues#compare} sees it; may give more. */
        @FunctionalInterface
        interface Index {
            void rows(P21State state, String value, List<List<Object>> out);
        }

        Table(String name, List<String> columns, BiConsumer<P21State, List<List<Object>>> rows) {
            this(name, columns, rows, Map.of());
        }

        /**
         * The rows a filter with these {@code column eq 'text'} terms can match, as read-only maps over their value
         * lists: through an index when one of the columns has one (the sink looks up orders and customers by
         * these, one or a few per call, and a scan would cost time in proportion to all orders ever created), else
         * every row. The caller still applies the whole filter. A row is not copied into a map of its own unless it
         * is answered.
         */
        List<Map<String, Object>> read(P21State state, Map<String, Set<String>> equalities) {
            List<List<Object>> values = new ArrayList<>();
            Optional<Map.Entry<String, Set<String>>> indexed = equalities.entrySet().stream()
                    .filter(e -> indexes.containsKey(e.getKey())).findFirst();
            if (indexed.isPresent()) {
                Index rowsOf = indexes.get(indexed.get().getKey());
                for (String value : indexed.get().getValue()) {
                    rowsOf.rows(state, value, values);
                }
                if (indexed.get().getValue().size() > 1) {
                    // an index may give a row for two texts (it compares as SQL Server does, ignoring case); rows
                    // are built per answer, so they are told apart by their values (no two rows are equal in all)
                    Set<List<Object>> seen = new java.util.HashSet<>();
                    values.removeIf(row -> !seen.add(row));
                }
            } else {
                rows.accept(state, values);
            }
            Map<String, Integer> index = new java.util.HashMap<>();
            for (int i = 0; i < columns.size(); i++) {
                index.put(columns.get(i), i);
            }
            List<Map<String, Object>> out = new ArrayList<>(values.size());
            for (List<Object> value : values) {
                out.add(new RowView(columns, index, value));
            }
            return out;
        }
    }

    /** One row: {@code get} by column index, iteration in column order. */
    private static final class RowView extends java.util.AbstractMap<String, Object> {
        private final List<String> columns;
        private final Map<String, Integer> index;
        private final List<Object> values;

        RowView(List<String> columns, Map<String, Integer> index, List<Object> values) {
            this.columns = columns;
            this.index = index;
            this.values = values;
        }

        @Override
        public Object get(Object column) {
            Integer i = index.get(column);
            return i == null ? null : values.get(i);
        }

        @Override
        public boolean containsKey(Object column) {
            return index.containsKey(column);
        }

        @Override
        public java.util.Set<Entry<String, Object>> entrySet() {
            Map<String, Object> copy = new LinkedHashMap<>();
            for (int i = 0; i < columns.size(); i++) {
                copy.put(columns.get(i), values.get(i));
            }
            return copy.entrySet();
        }
    }

    private static final List<Table> TABLES = List.of(
            new Table("oe_hdr", List.of("order_no", "customer_id", "po_no", "web_reference_no", "order_date",
                    "requested_date", "location_id", "source_loc_id", "taker", "ship_to_id", "contact_id",
                    "ship2_name", "ship2_add1", "ship2_add2", "ship2_city", "ship2_state", "ship2_zip",
                    "ship2_country", "freight_out", "tax_amount", "completed", "cancel_flag", "approved", "rma_flag",
                    "delete_flag", "date_created", "date_last_modified", "row_status_flag"), P21Tables::orderHeaders,
                    Map.of("web_reference_no", (state, value, out) -> state.ordersByWebReference(value)
                                    .forEach(o -> out.add(orderHeader(o))),
                            "order_no", (state, value, out) -> state.order(value)
                                    .ifPresent(o -> out.add(orderHeader(o))))),
            new Table("oe_line", List.of("order_no", "line_no", "oe_line_uid", "inv_mast_uid", "item_id",
                    "qty_ordered", "qty_allocated", "qty_invoiced", "unit_price", "extended_price", "complete",
                    "delete_flag", "date_last_modified", "row_status_flag"), P21Tables::orderLines,
                    Map.of("order_no", (state, value, out) -> state.order(value).ifPresent(o -> orderLines(o, out)))),
            new Table("customer", List.of("customer_id", "customer_name", "email_address", "first_name", "last_name",
                    "phys_address1", "phys_address2", "phys_city", "phys_state", "phys_postal_code", "phys_country",
                    "central_phone_number", "terms_id", "delete_flag", "date_created", "date_last_modified",
                    "row_status_flag"), P21Tables::customers,
                    Map.of("email_address", (state, value, out) -> state.customersByEmail(value)
                            .forEach(c -> out.add(customer(c))))),
            new Table("inv_mast", List.of("inv_mast_uid", "item_id", "item_desc", "list_price", "delete_flag",
                    "date_last_modified", "row_status_flag"), P21Tables::items),
            new Table("inv_loc", List.of("inv_mast_uid", "item_id", "location_id", "qty_on_hand", "qty_allocated",
                    "qty_backordered", "sellable", "stockable", "delete_flag", "date_last_modified",
                    "row_status_flag"), P21Tables::stock),
            new Table("oe_pick_ticket", List.of("pick_ticket_no", "order_no", "carrier_id", "tracking_no",
                    "ship_date", "printed_flag", "delete_flag", "date_last_modified", "row_status_flag"),
                    P21Tables::pickTickets),
            new Table("oe_pick_ticket_detail", List.of("pick_ticket_no", "oe_line_no", "item_id", "inv_mast_uid",
                    "ship_quantity", "qty_shipped", "date_last_modified", "row_status_flag"),
                    P21Tables::pickTicketLines),
            new Table("invoice_hdr", List.of("invoice_no", "order_no", "customer_id", "invoice_date", "total_amount",
                    "tax_amount", "freight_amount", "amount_paid", "paid_in_full_flag", "invoice_adjustment_type",
                    "date_created", "date_last_modified", "row_status_flag"), P21Tables::invoices,
                    Map.of("order_no", (state, value, out) -> state.invoiceOfOrder(value)
                                    .ifPresent(i -> out.add(invoice(i))),
                            "invoice_no", (state, value, out) -> state.invoice(value)
                                    .ifPresent(i -> out.add(invoice(i))))),
            new Table("ar_receipts", List.of("receipt_no", "customer_id", "order_no", "invoice_no", "payment_type_id",
                    "receipt_amount", "check_no", "description", "receipt_date", "delete_flag", "date_created",
                    "date_last_modified", "row_status_flag"), P21Tables::receipts,
                    Map.of("order_no", (state, value, out) -> state.receiptsOf(value)
                                    .forEach(r -> out.add(receipt(r))),
                            "receipt_no", (state, value, out) -> state.receipt(value)
                                    .ifPresent(r -> out.add(receipt(r))))));

    private P21Tables() {
    }

    static Optional<Table> table(String name) {
        return TABLES.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    private static void orderHeaders(P21State state, List<List<Object>> out) {
        for (P21Order o : state.orders()) {
            out.add(orderHeader(o));
        }
    }

    private static List<Object> orderHeader(P21Order o) {
        P21Address s = o.shipTo();
        return values(o.orderNo(), o.customerId(), o.poNo(), o.webReferenceNo(), midnight(o.orderDate()),
                midnight(o.requestedDate()), o.salesLocId(), o.sourceLocId(), o.taker(), o.shipToId(),
                o.contactId(), s.name(), s.line1(), s.line2(), s.city(), s.state(), s.postalCode(), s.country(),
                o.freightOut(), o.taxAmount(), flag(o.completed()), flag(o.cancelled()), flag(!o.held()),
                flag(o.rma()), "N", o.dateCreated(),
                o.dateLastModified(), ROW_STATUS_ACTIVE);
    }

    private static void orderLines(P21State state, List<List<Object>> out) {
        for (P21Order o : state.orders()) {
            orderLines(o, out);
        }
    }

    private static void orderLines(P21Order o, List<List<Object>> out) {
        for (P21OrderLine l : o.lines()) {
            out.add(values(o.orderNo(), l.lineNo(), l.oeLineUid(), l.invMastUid(), l.itemId(), l.qtyOrdered(),
                    l.qtyAllocated(), l.qtyInvoiced(), l.unitPrice(), l.extendedPrice(),
                    flag(l.qtyOpen().signum() == 0), "N", l.dateLastModified(), ROW_STATUS_ACTIVE));
        }
    }

    private static void customers(P21State state, List<List<Object>> out) {
        for (P21Customer c : state.customers()) {
            out.add(customer(c));
        }
    }

    private static List<Object> customer(P21Customer c) {
        return values(c.customerId(), c.customerName(), c.emailAddress(), c.firstName(), c.lastName(),
                c.physAddress1(), c.physAddress2(), c.physCity(), c.physState(), c.physPostalCode(),
                c.physCountry(), c.centralPhoneNumber(), c.termsId(), "N", c.dateCreated(), c.dateLastModified(),
                ROW_STATUS_ACTIVE);
    }

    private static void items(P21State state, List<List<Object>> out) {
        for (P21Item i : state.items()) {
            out.add(values(i.invMastUid(), i.itemId(), i.itemDesc(), i.listPrice(), "N", i.dateLastModified(),
                    ROW_STATUS_ACTIVE));
        }
    }

    private static void stock(P21State state, List<List<Object>> out) {
        for (P21Stock s : state.stock()) {
            out.add(values(s.invMastUid(), s.itemId(), s.locationId(), s.qtyOnHand(), s.qtyAllocated(),
                    s.qtyBackordered(), "Y", "Y", "N", s.dateLastModified(), ROW_STATUS_ACTIVE));
        }
    }

    private static void pickTickets(P21State state, List<List<Object>> out) {
        for (P21PickTicket t : state.pickTickets()) {
            out.add(values(t.pickTicketNo(), t.orderNo(), t.carrierId(), t.trackingNo(), t.shipDate(), "Y", "N",
                    t.dateLastModified(), ROW_STATUS_ACTIVE));
        }
    }

    private static void pickTicketLines(P21State state, List<List<Object>> out) {
        for (P21PickTicket t : state.pickTickets()) {
            for (P21PickTicket.Line l : t.lines()) {
                out.add(values(t.pickTicketNo(), l.oeLineNo(), l.itemId(), l.invMastUid(), l.shipQuantity(),
                        l.shipQuantity(), t.dateLastModified(), ROW_STATUS_ACTIVE));
            }
        }
    }

    private static void invoices(P21State state, List<List<Object>> out) {
        for (P21Invoice i : state.invoices()) {
            out.add(invoice(i));
        }
    }

    private static List<Object> invoice(P21Invoice i) {
        return values(i.invoiceNo(), i.orderNo(), i.customerId(), midnight(i.invoiceDate()), i.totalAmount(),
                i.taxAmount(), i.freightAmount(), i.amountPaid(), flag(i.paidInFull()), i.adjustmentType(),
                i.dateCreated(), i.dateLastModified(), ROW_STATUS_ACTIVE);
    }

    private static void receipts(P21State state, List<List<Object>> out) {
        for (P21Receipt r : state.receipts()) {
            out.add(receipt(r));
        }
    }

    private static List<Object> receipt(P21Receipt r) {
        return values(r.receiptNo(), r.customerId(), r.orderNo(), r.invoiceNo(), r.paymentTypeId(),
                r.receiptAmount(), r.checkNo(), r.description(), midnight(r.receiptDate()), flag(r.deleted()),
                r.dateCreated(), r.dateLastModified(), ROW_STATUS_ACTIVE);
    }

    private static List<Object> values(Object... values) {
        return Arrays.asList(values);
    }

    private static Instant midnight(LocalDate date) {
        return date == null ? null : date.atStartOfDay().toInstant(ZoneOffset.UTC);
    }

    private static String flag(boolean value) {
        return value ? "Y" : "N";
    }
}
