package dev.p21bridge.transformer;

import dev.p21bridge.platform.config.Store;
import dev.p21bridge.platform.orders.Payability;
import dev.p21bridge.platform.topics.Topics;
import dev.p21bridge.schemas.ChangeType;
import dev.p21bridge.schemas.Customer;
import dev.p21bridge.schemas.Order;
import dev.p21bridge.schemas.OrderStatusCode;
import dev.p21bridge.schemas.content.CustomerContent;
import dev.p21bridge.transformer.customers.CustomerEchoFilter;
import dev.p21bridge.transformer.inventory.InventoryInput;
import dev.p21bridge.transformer.inventory.InventoryProcessor;
import dev.p21bridge.transformer.inventory.InventoryStateFormat;
import dev.p21bridge.transformer.inventory.JsonSerde;
import dev.p21bridge.transformer.inventory.OrderEvent;
import dev.p21bridge.transformer.inventory.OrderLinesProcessor;
import dev.p21bridge.transformer.normalize.CustomerOfOrder;
import dev.p21bridge.transformer.risk.RiskProcessor;
import dev.p21bridge.transformer.risk.StorePartitionCheck;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * Raw events to canonical records, and stock with storefront reservations, as two Kafka Streams applications
 * ({@link TransformerService}); the second reads what the first writes, through two topics.
 *
 * <p>The events application ({@code BRIDGE_TRANSFORMER_APPLICATION_ID}):
 * <pre>
 *   raw.xcart + raw.clarity
 *     -> normalize         (orders by the active mapping set of bridge.mappings, store mappings, header
 *                           mapping-version; other events per source; validation; failures become dead letters, and so does a record
 *                           whose processing throws an Error: ContainedProcessor)
 *     -> dedup             (a new order by its order key, store orders-seen; anything else by webhook id,
 *                           store events-seen; a new order it can vouch for gets the first-create header)
 *     -> route-orders      -> (BRIDGE_RISK_SCORING on) risk-locate: on its store's raw partition?
 *                             no  -> repartition risk-orders-by-store (to the same task)
 *                          -> risk-orders (both ways) -> risk-score (a new order gets its score and action by the
 *                             risk rules; store risk-sightings-log, from which its in-memory history is rebuilt;
 *                             keyed by order key)
 *                          -> canonical.orders; and the buyer (without first-create) -> canonical.customers
 *        route-customers   -> repartition storefront-customers-by-email
 *        route-payments    -> canonical.payments (captures and refunds that moved money; failed ones are counted)
 *        route-returns     -> canonical.returns
 *        route-dead-letters-> dlq.transformer
 *   raw.p21
 *     -> dedup-p21-events  (drop rows polled twice; store p21-events-seen)
 *     -> normalize-p21     (products per SKU, customers, shipments of storefront orders, stock readings,
 *                           order statuses from pick tickets, oe_hdr and invoices, invoices, cash receipts;
 *                           store p21-orders-held: orders on hold, so an approval says released)
 *     -> route-p21-products / -shipments / -order-statuses / -invoices / -receipts / -dead-letters
 *                          -> canonical.products / .shipments / .order-status / .invoices / .payment-receipts /
 *                             dlq.transformer
 *        route-p21-customers -> repartition p21-customers-by-email
 *        route-p21-readings  -> bridge.stock-readings (keyed by P21 item)
 *   storefront-customers-by-email + p21-customers-by-email
 *     -> customer-echo-filter (P21 content kept per e-mail, store customers-written; a storefront change showing
 *                              just that is the echo of the bridge's own write and dropped) -> canonical.customers
 * </pre>
 * The inventory application (the same id with {@code -inventory} appended):
 * <pre>
 *   canonical.orders (new, payable ones) + canonical.order-confirmations (carrying P21's creation time, or a skip)
 *     + canonical.order-status (any status: P21's poll shows the order)
 *     -> order-lines       (reservation per item of a new order, confirmation per item; store orders-lines)
 *     -> repartition inventory-orders-by-item
 *   bridge.stock-readings + inventory-orders-by-item
 *     -> inventory         (stores stock-by-location, reservations, reservation-totals, reservations-confirmed)
 *                          -> canonical.inventory
 * </pre>
 * Every processor, store and repartition topic is named, and the applications refuse generated names
 * ({@code ensure.explicit.internal.resource.naming}).
 */
public final class TransformerTopology {

    public static final String EVENTS_SEEN = "events-seen";
    public static final String ORDERS_SEEN = "orders-seen";
    /** When each task's {@link #ORDERS_SEEN} began to remember: new after a reset of the application's state. */
    public static final String ORDERS_SEEN_SINCE = "orders-seen-since";
    public static final String SKU_XREF = "sku-xref";
    /** The operator's published mapping sets ({@code bridge.mappings}), read by the normalizer per record. */
    public static final String MAPPINGS = "mappings";
    public static final String P21_EVENTS_SEEN = "p21-events-seen";
    public static final String P21_ORDERS_HELD = "p21-orders-held";
    public static final String ORDERS_LINES = "orders-lines";
    public static final String STOCK_BY_LOCATION = "stock-by-location";
    public static final String RESERVATIONS = "reservations";
    public static final String RESERVATION_TOTALS = "reservation-totals";
    public static final String RESERVATIONS_CONFIRMED = "reservations-confirmed";
    public static final String ORDERS_BY_ITEM = "inventory-orders-by-item";
    public static final String CUSTOMERS_WRITTEN = "customers-written";
    /**
     * Orders that arrived off their store's raw partition, keyed by store on their way to the store's task: one task
     * scores all of a store's orders.
     */
    public static final String RISK_ORDERS_BY_STORE = "risk-orders-by-store";
    /**
     * Partitions of {@link #RISK_ORDERS_BY_STORE}: stores hash over them, each store in one; as many as the raw
     * topics have, so a store's raw partition and its partition here are one task's.
     */
    public static final int RISK_PARTITIONS = 6;
    public static final String STOREFRONT_CUSTOMERS_BY_EMAIL = "storefront-customers-by-email";
    public static final String P21_CUSTOMERS_BY_EMAIL = "p21-customers-by-email";
    /** Partitions of both customer repartition topics; equal, so both sides of an e-mail meet in one task. */
    public static final int CUSTOMER_PARTITIONS = 6;
    /**
     * Partitions of {@code bridge.stock-readings} and of the repartition topic of orders by item; equal, so an item's
     * inputs meet in one task.
     */
    public static final int INVENTORY_PARTITIONS = 6;

    private TransformerTopology() {
    }

    /**
     * Both applications in one topology, as the {@code TopologyTestDriver} tests run them: the driver feeds what one
     * part writes to {@code canonical.orders} and {@code bridge.stock-readings} back to the other, as the broker does
     * between the two applications {@link TransformerService} runs.
     */
    public static void build(StreamsBuilder builder, TransformerConfig config, CanonicalSerdes serdes) {
        skuCrossReference(builder);
        mappingSets(builder);
        events(builder, config, serdes);
        inventory(builder, config, serdes);
    }

    /** The events application: raw events to canonical records, P21 stock readings to {@code bridge.stock-readings}. */
    public static void buildEvents(StreamsBuilder builder, TransformerConfig config, CanonicalSerdes serdes) {
        skuCrossReference(builder);
        mappingSets(builder);
        events(builder, config, serdes);
    }

    /** The inventory application: stock readings and storefront reservations to {@code canonical.inventory}. */
    public static void buildInventory(StreamsBuilder builder, TransformerConfig config, CanonicalSerdes serdes) {
        skuCrossReference(builder);
        inventory(builder, config, serdes);
    }

    /**
     * In memory: every order line of every new order looks its SKU up here, and an operator's cross-reference is a
     * few thousand pairs, which the global thread reads back from the compacted topic at each start in moments. In
     * RocksDB the look-ups were a twentieth of the events application's stream thread.
     */
    private static void skuCrossReference(StreamsBuilder builder) {
        builder.globalTable(Topics.SKU_XREF.name(),
                Consumed.with(Serdes.String(), Serdes.String()).withName("sku-xref-source"),
                Materialized.<String, String>as(Stores.inMemoryKeyValueStore(SKU_XREF))
                        .withKeySerde(Serdes.String()).withValueSerde(Serdes.String()));
    }

    /**
     * In memory, like the cross-reference: a few published sets of text files, read back from the compacted topic at
     * each start; every instance sees a new version as soon as its global thread reads it.
     */
    private static void mappingSets(StreamsBuilder builder) {
        builder.globalTable(Topics.MAPPINGS.name(),
                Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("mappings-source"),
                Materialized.<String, byte[]>as(Stores.inMemoryKeyValueStore(MAPPINGS))
                        .withKeySerde(Serdes.String()).withValueSerde(Serdes.ByteArray()));
    }

    private static void events(StreamsBuilder builder, TransformerConfig config, CanonicalSerdes serdes) {
        addEventStores(builder, config);
        // storefront events
        KStream<String, byte[]> raw = builder.stream(List.of(Topics.RAW_XCART.name(), Topics.RAW_CLARITY.name()),
                Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("raw-storefront-events"));

        Map<String, KStream<String, Normalized>> routes = raw
                .process(() -> new ContainedProcessor<>(new NormalizeProcessor(config, SKU_XREF, MAPPINGS)), Named.as("normalize"))
                .processValues(() -> new StorefrontDedupProcessor(EVENTS_SEEN, config.eventDedupRetention(),
                        ORDERS_SEEN, config.orderDedupRetention(), ORDERS_SEEN_SINCE), Named.as("dedup"),
                        EVENTS_SEEN, ORDERS_SEEN, ORDERS_SEEN_SINCE)
                .split(Named.as("route-"))
                .branch((key, value) -> value instanceof Normalized.NormalizedOrder, Branched.as("orders"))
                .branch((key, value) -> value instanceof Normalized.NormalizedCustomer, Branched.as("customers"))
                .branch((key, value) -> value instanceof Normalized.NormalizedPayment, Branched.as("payments"))
                .branch((key, value) -> value instanceof Normalized.NormalizedReturn, Branched.as("returns"))
                .branch((key, value) -> value instanceof Normalized.Rejected, Branched.as("dead-letters"))
                .noDefaultBranch();

        KStream<String, Order> orders = routes.get("route-orders")
                .mapValues(value -> ((Normalized.NormalizedOrder) value).order(), Named.as("order-value"));
        KStream<String, Order> scored = config.riskScoring() ? riskScored(orders, config, serdes) : orders;
        scored.to(Topics.CANONICAL_ORDERS.name(),
                Produced.with(Serdes.String(), serdes.orders()).withName("canonical-orders-sink"));

        orders.processValues(FirstCreateRemover::new, Named.as("order-without-first-create"))
                .map((key, order) -> KeyValue.pair(order.getCustomer().getEmail(), CustomerOfOrder.of(order)),
                        Named.as("customer-of-order"))
                .to(Topics.CANONICAL_CUSTOMERS.name(),
                        Produced.with(Serdes.String(), serdes.customers()).withName("canonical-customers-sink"));
        KStream<String, Customer> storefrontCustomers = routes.get("route-customers")
                .mapValues(value -> ((Normalized.NormalizedCustomer) value).customer(), Named.as("customer-value"))
                .repartition(byEmail(STOREFRONT_CUSTOMERS_BY_EMAIL, serdes));

        routes.get("route-payments")
                .mapValues(value -> ((Normalized.NormalizedPayment) value).payment(), Named.as("payment-value"))
                .to(Topics.CANONICAL_PAYMENTS.name(),
                        Produced.with(Serdes.String(), serdes.payments()).withName("canonical-payments-sink"));
        routes.get("route-returns")
                .mapValues(value -> ((Normalized.NormalizedReturn) value).returnRequest(), Named.as("return-value"))
                .to(Topics.CANONICAL_RETURNS.name(),
                        Produced.with(Serdes.String(), serdes.returns()).withName("canonical-returns-sink"));

        routes.get("route-dead-letters")
                .mapValues(value -> ((Normalized.Rejected) value).rawValue(), Named.as("dead-letter-value"))
                .to(Topics.DLQ_TRANSFORMER.name(),
                        Produced.with(Serdes.String(), Serdes.ByteArray()).withName("dead-letters-sink"));

        // P21 changes
        Map<String, KStream<String, Normalized>> p21 = builder.stream(Topics.RAW_P21.name(),
                        Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("raw-p21-events"))
                .processValues(() -> new EventDedupProcessor(P21_EVENTS_SEEN, config.eventDedupRetention()),
                        Named.as("dedup-p21-events"), P21_EVENTS_SEEN)
                .process(() -> new ContainedProcessor<>(new P21NormalizeProcessor(config, SKU_XREF, P21_ORDERS_HELD)),
                        Named.as("normalize-p21"), P21_ORDERS_HELD)
                .split(Named.as("route-p21-"))
                .branch((key, value) -> value instanceof Normalized.NormalizedProduct, Branched.as("products"))
                .branch((key, value) -> value instanceof Normalized.NormalizedCustomer, Branched.as("customers"))
                .branch((key, value) -> value instanceof Normalized.NormalizedShipment, Branched.as("shipments"))
                .branch((key, value) -> value instanceof Normalized.NormalizedOrderStatus, Branched.as("order-statuses"))
                .branch((key, value) -> value instanceof Normalized.NormalizedInvoice, Branched.as("invoices"))
                .branch((key, value) -> value instanceof Normalized.NormalizedReceipt, Branched.as("receipts"))
                .branch((key, value) -> value instanceof Normalized.NormalizedReading, Branched.as("readings"))
                .branch((key, value) -> value instanceof Normalized.Rejected, Branched.as("dead-letters"))
                .noDefaultBranch();

        p21.get("route-p21-products")
                .mapValues(value -> ((Normalized.NormalizedProduct) value).product(), Named.as("p21-product-value"))
                .to(Topics.CANONICAL_PRODUCTS.name(),
                        Produced.with(Serdes.String(), serdes.products()).withName("canonical-products-sink"));
        KStream<String, Customer> p21Customers = p21.get("route-p21-customers")
                .mapValues(value -> ((Normalized.NormalizedCustomer) value).customer(), Named.as("p21-customer-value"))
                .repartition(byEmail(P21_CUSTOMERS_BY_EMAIL, serdes));
        p21.get("route-p21-shipments")
                .mapValues(value -> ((Normalized.NormalizedShipment) value).shipment(), Named.as("p21-shipment-value"))
                .to(Topics.CANONICAL_SHIPMENTS.name(),
                        Produced.with(Serdes.String(), serdes.shipments()).withName("canonical-shipments-sink"));
        p21.get("route-p21-order-statuses")
                .mapValues(value -> ((Normalized.NormalizedOrderStatus) value).status(), Named.as("p21-order-status-value"))
                .to(Topics.CANONICAL_ORDER_STATUS.name(),
                        Produced.with(Serdes.String(), serdes.orderStatuses()).withName("canonical-order-status-sink"));
        p21.get("route-p21-invoices")
                .mapValues(value -> ((Normalized.NormalizedInvoice) value).invoice(), Named.as("p21-invoice-value"))
                .to(Topics.CANONICAL_INVOICES.name(),
                        Produced.with(Serdes.String(), serdes.invoices()).withName("canonical-invoices-sink"));
        p21.get("route-p21-receipts")
                .mapValues(value -> ((Normalized.NormalizedReceipt) value).receipt(), Named.as("p21-receipt-value"))
                .to(Topics.CANONICAL_PAYMENT_RECEIPTS.name(),
                        Produced.with(Serdes.String(), serdes.receipts()).withName("canonical-payment-receipts-sink"));
        p21.get("route-p21-dead-letters")
                .mapValues(value -> ((Normalized.Rejected) value).rawValue(), Named.as("p21-dead-letter-value"))
                .to(Topics.DLQ_TRANSFORMER.name(),
                        Produced.with(Serdes.String(), Serdes.ByteArray()).withName("p21-dead-letters-sink"));

        p21.get("route-p21-readings")
                .mapValues(value -> InventoryInput.of(((Normalized.NormalizedReading) value).reading()),
                        Named.as("p21-reading-value"))
                .to(Topics.STOCK_READINGS.name(), Produced.with(Serdes.String(), new JsonSerde<>(InventoryInput.class))
                        .withName("stock-readings-sink"));

        // customers: P21 is the system of record; a storefront's echo of the bridge's own write stops here
        p21Customers.merge(storefrontCustomers, Named.as("customer-changes"))
                .process(() -> new CustomerEchoFilter(CUSTOMERS_WRITTEN), Named.as("customer-echo-filter"),
                        CUSTOMERS_WRITTEN)
                .to(Topics.CANONICAL_CUSTOMERS.name(),
                        Produced.with(Serdes.String(), serdes.customers()).withName("customer-changes-sink"));
    }

    /**
     * Scores where the store's orders already are: the ingress writes a store's raw records to the store's
     * partition, so the normalizing task holds the store's risk history and scores each order before it is first
     * serialized. An order that arrived on another partition moves to its store's task through
     * {@code risk-orders-by-store}, whose partition for a store is the same number; both ways meet in one scoring
     * processor, so Kafka Streams runs it, and the raw partitions, in one task per partition.
     */
    private static KStream<String, Order> riskScored(KStream<String, Order> orders, TransformerConfig config,
                                                     CanonicalSerdes serdes) {
        Map<String, KStream<String, StorePartitionCheck.Located>> located = orders
                .processValues(() -> new StorePartitionCheck(RISK_PARTITIONS), Named.as("risk-locate"))
                .split(Named.as("risk-"))
                .branch((key, order) -> order.onStorePartition(), Branched.as("in-place"))
                .defaultBranch(Branched.as("elsewhere"));
        KStream<String, Order> inPlace = located.get("risk-in-place")
                .mapValues(StorePartitionCheck.Located::order, Named.as("risk-in-place-order"));
        KStream<String, Order> moved = located.get("risk-elsewhere")
                .mapValues(StorePartitionCheck.Located::order, Named.as("risk-elsewhere-order"))
                .selectKey((key, order) -> Store.nameInKey(key), Named.as("order-by-store"))
                .repartition(Repartitioned.<String, Order>as(RISK_ORDERS_BY_STORE)
                        .withKeySerde(Serdes.String()).withValueSerde(serdes.orders())
                        .withNumberOfPartitions(RISK_PARTITIONS));
        // one scoring processor per task for both ways in: its counts are in memory, its own
        return inPlace.merge(moved, Named.as("risk-orders"))
                .process(() -> new RiskProcessor(MAPPINGS, config.riskHistory()), Named.as("risk-score"),
                        RiskProcessor.SIGHTINGS_LOG);
    }

    private static void inventory(StreamsBuilder builder, TransformerConfig config, CanonicalSerdes serdes) {
        addInventoryStores(builder);
        KStream<String, InventoryInput> readings = builder.stream(Topics.STOCK_READINGS.name(),
                Consumed.with(Serdes.String(), new JsonSerde<>(InventoryInput.class)).withName("stock-readings-source"));

        // reservations: new storefront orders, and the news that P21 has them, per item
        KStream<String, OrderEvent> placed = builder.stream(Topics.CANONICAL_ORDERS.name(),
                        Consumed.with(Serdes.String(), serdes.orders()).withName("canonical-orders-source"))
                // payable ones only: a declined or cancelled order gets no P21 order, so it holds no stock either
                .filter((key, order) -> order.getChangeType() == ChangeType.CREATED && Payability.isPayable(order),
                        Named.as("new-orders"))
                .mapValues(OrderEvent.Placed::new, Named.as("order-placed"));
        KStream<String, OrderEvent> confirmed = builder.stream(Topics.CANONICAL_ORDER_CONFIRMATIONS.name(),
                        Consumed.with(Serdes.String(), serdes.confirmations()).withName("order-confirmations-source"))
                .mapValues(OrderEvent.Confirmed::new, Named.as("order-confirmed"));
        KStream<String, OrderEvent> accepted = builder.stream(Topics.CANONICAL_ORDER_STATUS.name(),
                        Consumed.with(Serdes.String(), serdes.orderStatuses()).withName("order-status-source"))
                // any status says P21 has the order, at a time at or after its allocation: usually the first is
                // ACCEPTED or HELD, but an order shipped or cancelled before its first poll shows only that
                .filter((key, status) -> status.getStatus() != OrderStatusCode.UNKNOWN, Named.as("p21-known-orders"))
                .mapValues(status -> new OrderEvent.Accepted(status.getOrderKey(), status.getChangedAt()),
                        Named.as("order-accepted"));
        KStream<String, InventoryInput> orderInputs = placed
                .merge(confirmed, Named.as("orders-and-confirmations"))
                .merge(accepted, Named.as("order-events"))
                .process(() -> new OrderLinesProcessor(ORDERS_LINES, config.reservationTtl()), Named.as("order-lines"),
                        ORDERS_LINES)
                .repartition(byItem(ORDERS_BY_ITEM));

        // inventory
        readings.merge(orderInputs, Named.as("inventory-inputs"))
                .process(() -> new InventoryProcessor(config, STOCK_BY_LOCATION, RESERVATIONS, RESERVATION_TOTALS,
                                RESERVATIONS_CONFIRMED, SKU_XREF), Named.as("inventory"),
                        STOCK_BY_LOCATION, RESERVATIONS, RESERVATION_TOTALS, RESERVATIONS_CONFIRMED)
                .to(Topics.CANONICAL_INVENTORY.name(),
                        Produced.with(Serdes.String(), serdes.inventory()).withName("canonical-inventory-sink"));
    }

    private static void addEventStores(StreamsBuilder builder, TransformerConfig config) {
        if (config.riskScoring()) {
            // the scoring's history is counted in its processor's memory: kept in stores, its five to eight keys per
            // order cost more as changelog records than the scoring itself. Each scored order's sighting goes to
            // this one logged store instead, from which a starting task rebuilds the counts (SightingsLog)
            builder.addStateStore(Stores.keyValueStoreBuilder(
                    Stores.persistentKeyValueStore(RiskProcessor.SIGHTINGS_LOG), Serdes.String(), Serdes.ByteArray()));
        }
        builder.addStateStore(Stores.windowStoreBuilder(
                Stores.persistentWindowStore(EVENTS_SEEN, config.eventDedupRetention(), config.eventDedupRetention(), false),
                Serdes.String(), Serdes.Long()));
        builder.addStateStore(Stores.windowStoreBuilder(
                Stores.persistentWindowStore(ORDERS_SEEN, config.orderDedupRetention(), config.orderDedupRetention(), false),
                Serdes.String(), Serdes.Long()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ORDERS_SEEN_SINCE),
                Serdes.String(), Serdes.Long()));
        builder.addStateStore(Stores.windowStoreBuilder(
                Stores.persistentWindowStore(P21_EVENTS_SEEN, config.eventDedupRetention(), config.eventDedupRetention(), false),
                Serdes.String(), Serdes.Long()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(P21_ORDERS_HELD),
                Serdes.String(), Serdes.String()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(CUSTOMERS_WRITTEN),
                Serdes.String(), new JsonSerde<>(CustomerContent.class)));
    }

    private static void addInventoryStores(StreamsBuilder builder) {
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ORDERS_LINES),
                Serdes.String(), InventoryStateFormat.ORDER_LINES));
        // cached: both are rewritten per order line of an item, so a hot item's writes between two commits reach
        // RocksDB and the changelog once (TransformerService gives this application a longer commit interval)
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STOCK_BY_LOCATION),
                Serdes.String(), InventoryStateFormat.ITEM_STOCK).withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(RESERVATIONS),
                Serdes.String(), InventoryStateFormat.RESERVATION));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(RESERVATION_TOTALS),
                Serdes.String(), InventoryStateFormat.RESERVATION_TOTALS).withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(RESERVATIONS_CONFIRMED),
                Serdes.String(), Serdes.String()));
    }

    private static Repartitioned<String, Customer> byEmail(String name, CanonicalSerdes serdes) {
        return Repartitioned.<String, Customer>as(name)
                .withKeySerde(Serdes.String())
                .withValueSerde(serdes.customers())
                .withNumberOfPartitions(CUSTOMER_PARTITIONS);
    }

    private static Repartitioned<String, InventoryInput> byItem(String name) {
        return Repartitioned.<String, InventoryInput>as(name)
                .withKeySerde(Serdes.String())
                .withValueSerde(InventoryStateFormat.INVENTORY_INPUT)
                .withNumberOfPartitions(INVENTORY_PARTITIONS);
    }
}
