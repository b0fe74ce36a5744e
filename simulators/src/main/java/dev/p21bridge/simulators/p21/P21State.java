package dev.p21bridge.simulators.p21;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The simulated P21 database: item master, stock, customers, orders (RMAs among them), pick tickets, invoices and
 * cash receipts, in insertion order.
 * Not thread-safe; {@link P21Store} guards it. Item ids are looked up case-insensitively, as SQL Server's default
 * collation does. Once {@link #recordChanges()} ran it also remembers which rows were put, so a save can write just
 * those ({@link #takeChanges(long)}) instead of every row.
 */
final class P21State {

    static final long FIRST_ORDER_NO = 1_000_001;
    static final long FIRST_CREATED_CUSTOMER_ID = 100_200;
    static final long FIRST_PICK_TICKET_NO = 5_000_001;
    static final long FIRST_INVOICE_NO = 7_000_001;
    static final long FIRST_RECEIPT_NO = 9_000_001;

    private final Map<String, P21Item> items = new LinkedHashMap<>();
    private final Map<String, P21Stock> stock = new LinkedHashMap<>();
    private final Map<Long, P21Customer> customers = new LinkedHashMap<>();
    private final Map<String, P21Order> orders = new LinkedHashMap<>();
    private final Map<Long, P21PickTicket> pickTickets = new LinkedHashMap<>();
    private final Map<String, P21Invoice> invoices = new LinkedHashMap<>();
    private final Map<String, P21Receipt> receipts = new LinkedHashMap<>();
    /** Invoice numbers by the order (or RMA) they bill or credit: one each. */
    private final Map<String, String> invoiceNoByOrderNo = new HashMap<>();
    /** Receipt numbers by order number, for the amount paid on an order's invoice. */
    private final Map<String, Set<String>> receiptNosByOrderNo = new HashMap<>();
    /** RMA numbers by the sales order they return goods of, for what is left to return. */
    private final Map<String, Set<String>> rmaNosByOriginalOrderNo = new HashMap<>();
    /** Pick ticket numbers by the order they ship, so an order forgotten takes its tickets along. */
    private final Map<String, Set<Long>> pickTicketNosByOrderNo = new HashMap<>();
    /** Order numbers by case-folded {@code web_reference_no}: the sink looks an order up before every create. */
    private final Map<String, Set<String>> orderNosByWebReference = new HashMap<>();
    /** Customer ids by case-folded e-mail address: the sink looks a customer up by e-mail for every order. */
    private final Map<String, Set<Long>> customerIdsByEmail = new HashMap<>();
    /** Keys of the rows put since the last take, in the order first put, so a replay inserts new rows in order. */
    private final Set<String> changedItems = new LinkedHashSet<>();
    private final Set<String> changedStock = new LinkedHashSet<>();
    private final Set<Long> changedCustomers = new LinkedHashSet<>();
    private final Set<String> changedOrders = new LinkedHashSet<>();
    private final Set<Long> changedPickTickets = new LinkedHashSet<>();
    private final Set<String> changedInvoices = new LinkedHashSet<>();
    private final Set<String> changedReceipts = new LinkedHashSet<>();
    private long nextOrderNo = FIRST_ORDER_NO;
    private long nextCustomerId = FIRST_CREATED_CUSTOMER_ID;
    private long nextPickTicketNo = FIRST_PICK_TICKET_NO;
    private long nextInvoiceNo = FIRST_INVOICE_NO;
    private long nextReceiptNo = FIRST_RECEIPT_NO;
    private long nextInvMastUid = 1;
    private long nextOeLineUid = 1;
    private Instant lastChange;
    private boolean recordingChanges;
    /** How many sales orders and RMAs are kept; see {@link #keepAtMost(int)}. */
    private int ordersKept = Integer.MAX_VALUE;

    P21State(Instant lastChange) {
        this.lastChange = lastChange;
    }

    static P21State fromSnapshot(P21Snapshot s) {
        P21State state = new P21State(s.lastChange());
        s.items().forEach(state::putItem);
        s.stock().forEach(state::putStock);
        s.customers().forEach(state::putCustomer);
        s.orders().forEach(state::putOrder);
        s.pickTickets().forEach(state::putPickTicket);
        s.invoices().forEach(state::putInvoice);
        s.receipts().forEach(state::putReceipt);
        state.nextInvoiceNo = Math.max(s.nextInvoiceNo(), FIRST_INVOICE_NO);
        state.nextReceiptNo = Math.max(s.nextReceiptNo(), FIRST_RECEIPT_NO);
        state.nextOrderNo = s.nextOrderNo();
        state.nextCustomerId = s.nextCustomerId();
        state.nextPickTicketNo = s.nextPickTicketNo();
        state.nextInvMastUid = s.nextInvMastUid();
        state.nextOeLineUid = s.nextOeLineUid();
        return state;
    }

    /** Every row and counter; {@code journalSeq} is the last journal line this state already holds. */
    P21Snapshot snapshot(long journalSeq) {
        return new P21Snapshot(P21Snapshot.FORMAT, List.copyOf(items.values()), List.copyOf(stock.values()),
                List.copyOf(customers.values()), List.copyOf(orders.values()), List.copyOf(pickTickets.values()),
                nextOrderNo, nextCustomerId, nextPickTicketNo, nextInvMastUid, nextOeLineUid, lastChange, journalSeq,
                List.copyOf(invoices.values()), List.copyOf(receipts.values()), nextInvoiceNo, nextReceiptNo);
    }

    /**
     * From now on remembers the keys of the rows put. Off until then: an in-memory simulator never takes them, so it
     * would only pile up, and the rows of a load or of the seed are on disk already or go there in a snapshot.
     */
    void recordChanges() {
        recordingChanges = true;
    }

    /**
     * Keeps at most {@code orders} sales orders and RMAs: past that, each new order makes the simulator forget the
     * oldest one with its lines, pick tickets, invoice and receipts, as if it had been purged. A sandbox that takes a
     * steady stream of orders for days then holds a bounded state (memory, snapshot and scans of {@code oe_hdr}) instead
     * of growing with every order; docs/simulators.md says what a forgotten order means to the bridge.
     */
    void keepAtMost(int orders) {
        if (orders < 1) {
            throw new IllegalArgumentException("the orders kept must be at least 1, got " + orders);
        }
        ordersKept = orders;
        forgetOldestOrders();
    }

    /** The rows put since the last take (at their current values) and the counters, as journal line {@code seq}. */
    P21JournalEntry takeChanges(long seq) {
        P21JournalEntry entry = new P21JournalEntry(seq, current(changedItems, items), current(changedStock, stock),
                current(changedCustomers, customers), current(changedOrders, orders),
                current(changedPickTickets, pickTickets), nextOrderNo, nextCustomerId, nextPickTicketNo,
                nextInvMastUid, nextOeLineUid, lastChange, current(changedInvoices, invoices),
                current(changedReceipts, receipts), nextInvoiceNo, nextReceiptNo);
        forgetChanges();
        return entry;
    }

    /** Forgets the rows put so far, when a snapshot is about to hold all of them anyway. */
    void forgetChanges() {
        changedItems.clear();
        changedStock.clear();
        changedCustomers.clear();
        changedOrders.clear();
        changedPickTickets.clear();
        changedInvoices.clear();
        changedReceipts.clear();
    }

    /** Replays one journal line: puts its rows, then takes its counters and change time, which include those rows. */
    void apply(P21JournalEntry e) {
        e.items().forEach(this::putItem);
        e.stock().forEach(this::putStock);
        e.customers().forEach(this::putCustomer);
        e.orders().forEach(this::putOrder);
        e.pickTickets().forEach(this::putPickTicket);
        e.invoices().forEach(this::putInvoice);
        e.receipts().forEach(this::putReceipt);
        nextInvoiceNo = Math.max(e.nextInvoiceNo(), nextInvoiceNo);
        nextReceiptNo = Math.max(e.nextReceiptNo(), nextReceiptNo);
        nextOrderNo = e.nextOrderNo();
        nextCustomerId = e.nextCustomerId();
        nextPickTicketNo = e.nextPickTicketNo();
        nextInvMastUid = e.nextInvMastUid();
        nextOeLineUid = e.nextOeLineUid();
        lastChange = e.lastChange();
    }

    /**
     * The time of a new change: now, or one millisecond after the previous change when the clock has not moved, so
     * every change gets a later {@code date_last_modified} than the one before and a poller's window never skips one.
     */
    Instant nextChangeTime() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        lastChange = now.isAfter(lastChange) ? now : lastChange.plusMillis(1);
        return lastChange;
    }

    Optional<P21Item> item(String itemId) {
        return Optional.ofNullable(items.get(key(itemId)));
    }

    Collection<P21Item> items() {
        return items.values();
    }

    void putItem(P21Item item) {
        String key = key(item.itemId());
        items.put(key, item);
        changed(changedItems, key);
        nextInvMastUid = Math.max(nextInvMastUid, item.invMastUid() + 1);
    }

    long takeInvMastUid() {
        return nextInvMastUid++;
    }

    Optional<P21Stock> stock(String itemId, long locationId) {
        return Optional.ofNullable(stock.get(stockKey(itemId, locationId)));
    }

    Collection<P21Stock> stock() {
        return stock.values();
    }

    List<P21Stock> stockOf(String itemId) {
        List<P21Stock> rows = new ArrayList<>();
        for (P21Stock row : stock.values()) {
            if (row.itemId().equalsIgnoreCase(itemId)) {
                rows.add(row);
            }
        }
        return rows;
    }

    void putStock(P21Stock row) {
        String key = stockKey(row.itemId(), row.locationId());
        stock.put(key, row);
        changed(changedStock, key);
    }

    Optional<P21Customer> customer(long customerId) {
        return Optional.ofNullable(customers.get(customerId));
    }

    Collection<P21Customer> customers() {
        return customers.values();
    }

    void putCustomer(P21Customer customer) {
        P21Customer previous = customers.put(customer.customerId(), customer);
        if (previous != null) {
            unindex(customerIdsByEmail, previous.emailAddress(), previous.customerId());
        }
        index(customerIdsByEmail, customer.emailAddress(), customer.customerId());
        changed(changedCustomers, customer.customerId());
    }

    /** The customers whose e-mail address equals {@code email} ignoring case (no order promised). */
    List<P21Customer> customersByEmail(String email) {
        return customerIdsByEmail.getOrDefault(ODataValues.caseFolded(email), Set.of()).stream()
                .map(customers::get).toList();
    }

    long takeCustomerId() {
        return nextCustomerId++;
    }

    Optional<P21Order> order(String orderNo) {
        return Optional.ofNullable(orders.get(orderNo));
    }

    Collection<P21Order> orders() {
        return orders.values();
    }

    void putOrder(P21Order order) {
        P21Order previous = orders.put(order.orderNo(), order);
        if (previous != null) {
            unindex(orderNosByWebReference, previous.webReferenceNo(), previous.orderNo());
        }
        index(orderNosByWebReference, order.webReferenceNo(), order.orderNo());
        if (order.rma()) {
            rmaNosByOriginalOrderNo.computeIfAbsent(order.originalOrderNo(), k -> new LinkedHashSet<>())
                    .add(order.orderNo());
        }
        changed(changedOrders, order.orderNo());
        if (previous == null) {
            forgetOldestOrders();
        }
    }

    /** Forgets the oldest orders (first put first) and what hangs on them while more than the kept number are held. */
    private void forgetOldestOrders() {
        while (orders.size() > ordersKept) {
            P21Order oldest = orders.values().iterator().next();
            String orderNo = oldest.orderNo();
            orders.remove(orderNo);
            changedOrders.remove(orderNo);
            unindex(orderNosByWebReference, oldest.webReferenceNo(), orderNo);
            if (oldest.rma()) {
                rmaNosByOriginalOrderNo.computeIfPresent(oldest.originalOrderNo(),
                        (original, rmas) -> rmas.remove(orderNo) && rmas.isEmpty() ? null : rmas);
            }
            rmaNosByOriginalOrderNo.remove(orderNo);
            for (Long ticketNo : pickTicketNosByOrderNo.getOrDefault(orderNo, Set.of())) {
                pickTickets.remove(ticketNo);
                changedPickTickets.remove(ticketNo);
            }
            pickTicketNosByOrderNo.remove(orderNo);
            String invoiceNo = invoiceNoByOrderNo.remove(orderNo);
            if (invoiceNo != null) {
                invoices.remove(invoiceNo);
                changedInvoices.remove(invoiceNo);
            }
            for (String receiptNo : receiptNosByOrderNo.getOrDefault(orderNo, Set.of())) {
                receipts.remove(receiptNo);
                changedReceipts.remove(receiptNo);
            }
            receiptNosByOrderNo.remove(orderNo);
        }
    }

    /** The RMAs returning goods of sales order {@code orderNo}, oldest first. */
    List<P21Order> rmasOf(String orderNo) {
        return rmaNosByOriginalOrderNo.getOrDefault(orderNo, Set.of()).stream().map(orders::get).toList();
    }

    /** The orders whose {@code web_reference_no} equals {@code reference} ignoring case (no order promised). */
    List<P21Order> ordersByWebReference(String reference) {
        return orderNosByWebReference.getOrDefault(ODataValues.caseFolded(reference), Set.of()).stream()
                .map(orders::get).toList();
    }

    String takeOrderNo() {
        return Long.toString(nextOrderNo++);
    }

    long takeOeLineUid() {
        return nextOeLineUid++;
    }

    Collection<P21PickTicket> pickTickets() {
        return pickTickets.values();
    }

    void putPickTicket(P21PickTicket ticket) {
        pickTickets.put(ticket.pickTicketNo(), ticket);
        pickTicketNosByOrderNo.computeIfAbsent(ticket.orderNo(), k -> new LinkedHashSet<>()).add(ticket.pickTicketNo());
        changed(changedPickTickets, ticket.pickTicketNo());
    }

    long takePickTicketNo() {
        return nextPickTicketNo++;
    }

    Optional<P21Invoice> invoice(String invoiceNo) {
        return Optional.ofNullable(invoices.get(invoiceNo));
    }

    /** The invoice of a sales order, or the credit memo of an RMA. */
    Optional<P21Invoice> invoiceOfOrder(String orderNo) {
        return Optional.ofNullable(invoiceNoByOrderNo.get(orderNo)).map(invoices::get);
    }

    Collection<P21Invoice> invoices() {
        return invoices.values();
    }

    void putInvoice(P21Invoice invoice) {
        invoices.put(invoice.invoiceNo(), invoice);
        invoiceNoByOrderNo.put(invoice.orderNo(), invoice.invoiceNo());
        changed(changedInvoices, invoice.invoiceNo());
    }

    String takeInvoiceNo() {
        return Long.toString(nextInvoiceNo++);
    }

    Optional<P21Receipt> receipt(String receiptNo) {
        return Optional.ofNullable(receipts.get(receiptNo));
    }

    Collection<P21Receipt> receipts() {
        return receipts.values();
    }

    /** Every receipt entered against {@code orderNo}, voided ones too. */
    List<P21Receipt> receiptsOf(String orderNo) {
        return receiptNosByOrderNo.getOrDefault(orderNo, Set.of()).stream().map(receipts::get).toList();
    }

    void putReceipt(P21Receipt receipt) {
        receipts.put(receipt.receiptNo(), receipt);
        if (receipt.orderNo() != null) {
            receiptNosByOrderNo.computeIfAbsent(receipt.orderNo(), k -> new LinkedHashSet<>()).add(receipt.receiptNo());
        }
        changed(changedReceipts, receipt.receiptNo());
    }

    String takeReceiptNo() {
        return Long.toString(nextReceiptNo++);
    }

    private <K> void changed(Set<K> changedKeys, K key) {
        if (recordingChanges) {
            changedKeys.add(key);
        }
    }

    private static <K, V> List<V> current(Set<K> keys, Map<K, V> rows) {
        List<V> values = new ArrayList<>(keys.size());
        for (K key : keys) {
            values.add(rows.get(key));
        }
        return values;
    }

    private static <T> void index(Map<String, Set<T>> index, String value, T id) {
        if (value != null) {
            index.computeIfAbsent(ODataValues.caseFolded(value), v -> new LinkedHashSet<>()).add(id);
        }
    }

    private static <T> void unindex(Map<String, Set<T>> index, String value, T id) {
        if (value != null) {
            index.computeIfPresent(ODataValues.caseFolded(value),
                    (v, ids) -> ids.remove(id) && ids.isEmpty() ? null : ids);
        }
    }

    private static String key(String itemId) {
        return itemId.toUpperCase(Locale.ROOT);
    }

    private static String stockKey(String itemId, long locationId) {
        return key(itemId) + "@" + locationId;
    }
}
