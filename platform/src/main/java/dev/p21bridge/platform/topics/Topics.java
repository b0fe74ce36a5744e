package dev.p21bridge.platform.topics;

import dev.p21bridge.schemas.Customer;
import dev.p21bridge.schemas.InventoryLevel;
import dev.p21bridge.schemas.Invoice;
import dev.p21bridge.schemas.Order;
import dev.p21bridge.schemas.OrderConfirmation;
import dev.p21bridge.schemas.OrderReconciliation;
import dev.p21bridge.schemas.OrderStatus;
import dev.p21bridge.schemas.PaymentCapture;
import dev.p21bridge.schemas.PaymentReceipt;
import dev.p21bridge.schemas.Product;
import dev.p21bridge.schemas.ReturnRequest;
import dev.p21bridge.schemas.Shipment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The catalog: every topic of docs/contract.md, sections 'Topics' and 'Retries and dead letters', declared once, from
 * which topics are created at start.
 *
 * <p>Partition counts trade parallelism against start-up time on small machines: orders and raw events get 6 so
 * the p21-sink can write six orders at once per instance; compacted state topics get 3; dead letters 1, so an
 * operator reads them in the order they failed.
 */
public final class Topics {

    private static final Duration WEEK = Duration.ofDays(7);
    private static final Duration MONTH = Duration.ofDays(30);

    /** The services that have retry and dead-letter topics (docs/contract.md, section 'Retries and dead letters'). */
    public static final List<String> SERVICES_WITH_DLQ = List.of("transformer", "p21-sink", "storefront-sink");
    /** The services whose failures are retried through retry topics. */
    public static final List<String> SERVICES_WITH_RETRY = List.of("p21-sink", "storefront-sink");
    public static final int RETRY_LEVELS = 3;

    public static final Topic<byte[]> RAW_XCART = raw("raw.xcart", "X-Cart webhook bodies, byte for byte");
    public static final Topic<byte[]> RAW_CLARITY = raw("raw.clarity", "Clarity webhook bodies, byte for byte");
    public static final Topic<byte[]> RAW_P21 = raw("raw.p21", "P21 changes found by polling OData");

    public static final Topic<Order> CANONICAL_ORDERS = new Topic<>("canonical.orders", 6, false, MONTH, Order.class,
            "orders with lines, addresses, payment, totals; key <source>:<order id>");
    public static final Topic<Customer> CANONICAL_CUSTOMERS = new Topic<>("canonical.customers", 6, false, MONTH,
            Customer.class, "customers; key lower-cased e-mail");
    public static final Topic<InventoryLevel> CANONICAL_INVENTORY = new Topic<>("canonical.inventory", 3, true, null,
            InventoryLevel.class, "stock per SKU and location; key SKU");
    public static final Topic<Shipment> CANONICAL_SHIPMENTS = new Topic<>("canonical.shipments", 6, false, MONTH,
            Shipment.class, "shipments with carrier and tracking; key <source>:<order id>");
    public static final Topic<Product> CANONICAL_PRODUCTS = new Topic<>("canonical.products", 3, true, null,
            Product.class, "price and description; key SKU");
    public static final Topic<PaymentCapture> CANONICAL_PAYMENTS = new Topic<>("canonical.payments", 6, false, MONTH,
            PaymentCapture.class, "captured payments; key <source>:<order id>");
    public static final Topic<ReturnRequest> CANONICAL_RETURNS = new Topic<>("canonical.returns", 6, false, MONTH,
            ReturnRequest.class, "return / RMA requests; key <source>:<order id>");
    public static final Topic<OrderConfirmation> CANONICAL_ORDER_CONFIRMATIONS = new Topic<>(
            "canonical.order-confirmations", 6, false, MONTH, OrderConfirmation.class,
            "P21 order number of each storefront order; key <source>:<order id>");
    public static final Topic<OrderStatus> CANONICAL_ORDER_STATUS = new Topic<>("canonical.order-status", 6, false,
            MONTH, OrderStatus.class, "status changes of storefront orders on the P21 side; key <source>:<order id>");
    public static final Topic<Invoice> CANONICAL_INVOICES = new Topic<>("canonical.invoices", 6, false, MONTH,
            Invoice.class, "P21 invoices and credit memos of storefront orders; key <source>:<order id>");
    public static final Topic<PaymentReceipt> CANONICAL_PAYMENT_RECEIPTS = new Topic<>("canonical.payment-receipts",
            6, false, MONTH, PaymentReceipt.class,
            "payments as P21 recorded them (cash receipts), read back for reconciliation; key <source>:<order id>");
    /**
     * The reconciliation of each storefront order, rewritten on every change: compacted, so the latest record of a key
     * is the order's current state. 6 partitions, as the five topics it is computed from.
     */
    public static final Topic<OrderReconciliation> CANONICAL_RECONCILIATION = new Topic<>("canonical.reconciliation",
            6, true, null, OrderReconciliation.class,
            "storefront payments against P21 receipts, invoices and credits per order; key <store>:<order id>");

    /** Storefront SKU to P21 item id, loaded by operators; value is the P21 item id as UTF-8, a tombstone removes. */
    public static final Topic<byte[]> SKU_XREF = new Topic<>("bridge.sku-xref", 1, true, null, byte[].class,
            "storefront SKU to P21 item id cross-reference; key SKU, value item id");

    /**
     * The operator's mapping sets (docs/mappings.md): key {@code set:<version>} holds a published set (JSON), key
     * {@code active} the version the transformer maps with and the versions activated before it, for rollback.
     */
    public static final Topic<byte[]> MAPPINGS = new Topic<>("bridge.mappings", 1, true, null, byte[].class,
            "operator mapping sets; key set:<version> a published set (JSON), key active the version in use");

    /** How far the P21 change poller has read each OData table; key the table name, value JSON. */
    public static final Topic<byte[]> P21_WATERMARKS = new Topic<>("bridge.p21-watermarks", 1, true, null, byte[].class,
            "P21 polling watermarks; key table name, value JSON {lastModified, keysAtLastModified}");

    /** Where each polled store's order list was read to, so a restart resumes there (docs/order-polling.md). */
    public static final Topic<byte[]> STORE_POLL_POSITIONS = new Topic<>("bridge.store-poll-positions", 1, true, null,
            byte[].class, "store order polling positions; key store name, value JSON {lastChange, written}");

    /**
     * The P21 customer id of each buyer's e-mail, as the p21-sink found or created it: every instance reads it whole
     * at start and follows it, so a known buyer's order costs no customer look-up, also right after a restart.
     */
    public static final Topic<byte[]> P21_CUSTOMER_IDS = new Topic<>("bridge.p21-customer-ids", 3, true, null,
            byte[].class, "P21 customer id per buyer e-mail, as the p21-sink found or created it; key lower-cased"
                    + " e-mail, value the customer id (UTF-8)");

    /** The last stock level and price the storefront-sink wrote per storefront and SKU, so it never writes an older one. */
    public static final Topic<byte[]> STOREFRONT_WRITTEN = new Topic<>("bridge.storefront-written", 3, true, null,
            byte[].class, "last stock level and price written per storefront and SKU; key <kind>:<storefront>:<SKU>, value JSON");

    /**
     * P21 stock readings keyed by P21 item, JSON: the transformer's events application writes them, its inventory
     * application reads them. 6 partitions, as the inventory application's repartition topic of orders by item, so
     * an item's readings and orders meet in one task.
     */
    public static final Topic<byte[]> STOCK_READINGS = new Topic<>("bridge.stock-readings", 6, false, WEEK, byte[].class,
            "P21 stock readings from the transformer's events application to its inventory application; key P21 item, value JSON");

    /**
     * {@code ./bridge resync stock}: the current level of each SKU copied from {@code canonical.inventory} (value as
     * there, headers naming the storefronts and the level's offset there), which the storefront-sink writes again
     * beside the live stock flow (docs/operations.md, 'Resync stock'). 3 partitions, as canonical.inventory.
     */
    public static final Topic<byte[]> RESYNC_STOCK = new Topic<>("bridge.resync.stock", 3, false, WEEK, byte[].class,
            "stock levels to write again to named storefronts; key SKU, value the canonical.inventory record's");

    /**
     * Orders held for review and the operator's decisions on them (docs/risk.md, "Holds"): key the order key, value
     * JSON ({@link dev.p21bridge.platform.holds.Hold}); compacted, so the latest record is the hold's state. 6
     * partitions, as canonical.orders and the p21-sink's retry topics, which the p21-sink reads it together with: a
     * decision it must retry stays in its partition.
     */
    public static final Topic<byte[]> HOLDS = new Topic<>("bridge.holds", 6, true, null, byte[].class,
            "orders held for review and decisions on them; key <store>:<order id>, value JSON (state held, approved,"
                    + " rejected, released, cancelled)");

    /** The schema registry's own store, compacted as Confluent's registry requires; the embedded registry keeps its ids here. */
    public static final Topic<byte[]> SCHEMAS = new Topic<>("_schemas", 1, true, null, byte[].class,
            "schema registry store: subjects, versions and ids");

    /**
     * Orders an operator asked to re-drive through the p21-sink ({@code ./bridge resync order}, the console's
     * "Re-sync this order"): copies of an order's latest {@code canonical.orders} record, key and value byte for byte,
     * with a {@code resync-requested-at} header. The p21-sink reads it as a second, slower lane through the same writer,
     * so an order P21 has is found, not created again. As many partitions as {@code canonical.orders}, since the
     * p21-sink's retry topics carry its records too.
     */
    public static final Topic<byte[]> RESYNC_ORDERS = new Topic<>("bridge.resync.orders", 6, false, WEEK, byte[].class,
            "orders to re-drive through the p21-sink; key <store>:<order id>, value a canonical.orders record as it was"
                    + " written, header resync-requested-at");

    /** Which dead letters were replayed, so a second replay skips them; key {@code <dlq topic>:<partition>:<offset>}. */
    public static final Topic<byte[]> DLQ_REPLAYS = new Topic<>("bridge.dlq-replays", 1, true, null, byte[].class,
            "dead letters already replayed; key <dlq topic>:<partition>:<offset>, value epoch millis");

    public static final Topic<byte[]> DLQ_TRANSFORMER = deadLetters("transformer");
    public static final Topic<byte[]> DLQ_P21_SINK = deadLetters("p21-sink");
    public static final Topic<byte[]> DLQ_STOREFRONT_SINK = deadLetters("storefront-sink");

    private Topics() {
    }

    /** Every topic in the catalog, retry topics included. */
    public static List<Topic<?>> all() {
        List<Topic<?>> all = new ArrayList<>(List.of(RAW_XCART, RAW_CLARITY, RAW_P21, CANONICAL_ORDERS,
                CANONICAL_CUSTOMERS, CANONICAL_INVENTORY, CANONICAL_SHIPMENTS, CANONICAL_PRODUCTS, CANONICAL_PAYMENTS,
                CANONICAL_RETURNS, CANONICAL_ORDER_CONFIRMATIONS, CANONICAL_ORDER_STATUS, CANONICAL_INVOICES,
                CANONICAL_PAYMENT_RECEIPTS, CANONICAL_RECONCILIATION, SKU_XREF, MAPPINGS, P21_WATERMARKS, STORE_POLL_POSITIONS, STOREFRONT_WRITTEN, P21_CUSTOMER_IDS,
                HOLDS,
                STOCK_READINGS, RESYNC_STOCK, SCHEMAS, RESYNC_ORDERS,
                DLQ_REPLAYS, DLQ_TRANSFORMER, DLQ_P21_SINK, DLQ_STOREFRONT_SINK));
        for (String service : SERVICES_WITH_RETRY) {
            for (int level = 1; level <= RETRY_LEVELS; level++) {
                all.add(retry(service, level));
            }
        }
        return List.copyOf(all);
    }

    public static Optional<Topic<?>> named(String name) {
        return all().stream().filter(t -> t.name().equals(name)).findFirst();
    }

    /** {@code retry.<service>.<level>} of docs/contract.md, section 'Retries and dead letters'. */
    public static Topic<byte[]> retry(String service, int level) {
        if (!SERVICES_WITH_RETRY.contains(service) || level < 1 || level > RETRY_LEVELS) {
            throw new IllegalArgumentException("no retry topic for " + service + " level " + level);
        }
        return new Topic<>("retry." + service + "." + level, 6, false, WEEK, byte[].class,
                "records of " + service + " waiting for retry attempt " + level);
    }

    /** {@code dlq.<service>} of docs/contract.md, section 'Retries and dead letters'. */
    public static Topic<byte[]> deadLetters(String service) {
        if (!SERVICES_WITH_DLQ.contains(service)) {
            throw new IllegalArgumentException("no dead-letter topic for " + service
                    + "; services with one: " + SERVICES_WITH_DLQ);
        }
        return new Topic<>("dlq." + service, 1, false, MONTH, byte[].class,
                "records " + service + " gave up on, with the reason in dlq.* headers");
    }

    private static Topic<byte[]> raw(String name, String description) {
        return new Topic<>(name, 6, false, WEEK, byte[].class, description);
    }
}
