package dev.p21bridge.transformer;

import dev.p21bridge.platform.config.Environment;
import dev.p21bridge.platform.topics.Topics;
import dev.p21bridge.schemas.ChangeType;
import dev.p21bridge.schemas.Contact;
import dev.p21bridge.schemas.Customer;
import dev.p21bridge.schemas.FulfillmentStatus;
import dev.p21bridge.schemas.InventoryLevel;
import dev.p21bridge.schemas.Invoice;
import dev.p21bridge.schemas.Order;
import dev.p21bridge.schemas.OrderConfirmation;
import dev.p21bridge.schemas.OrderLine;
import dev.p21bridge.schemas.P21OrderDefaults;
import dev.p21bridge.schemas.PaymentCapture;
import dev.p21bridge.schemas.PaymentInfo;
import dev.p21bridge.schemas.PaymentReceipt;
import dev.p21bridge.schemas.PaymentStatus;
import dev.p21bridge.schemas.Product;
import dev.p21bridge.schemas.ReturnRequest;
import dev.p21bridge.schemas.OrderStatus;
import dev.p21bridge.schemas.OrderStatusCode;
import dev.p21bridge.schemas.Shipment;
import dev.p21bridge.schemas.Source;
import dev.p21bridge.schemas.Totals;
import dev.p21bridge.schemas.serde.SchemaRegistryClient;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/**
 * The transformer topology in a {@link TopologyTestDriver} with the P21-side topics at hand, and builders for the
 * records the P21 and inventory tests send. Wall-clock time starts at the given instant and only moves when a test
 * advances it.
 */
final class TransformerDriver implements AutoCloseable {

    final TopologyTestDriver driver;
    final TestInputTopic<String, byte[]> rawP21;
    final TestInputTopic<String, byte[]> xcart;
    final TestInputTopic<String, byte[]> clarity;
    final TestInputTopic<String, String> xref;
    final TestInputTopic<String, Order> orders;
    final TestInputTopic<String, OrderConfirmation> confirmations;
    final TestInputTopic<String, OrderStatus> statusInput;
    final TestOutputTopic<String, Product> products;
    final TestOutputTopic<String, Customer> customers;
    final TestOutputTopic<String, Shipment> shipments;
    final TestOutputTopic<String, OrderStatus> statuses;
    final TestOutputTopic<String, InventoryLevel> inventory;
    final TestOutputTopic<String, PaymentCapture> payments;
    final TestOutputTopic<String, ReturnRequest> returns;
    final TestOutputTopic<String, Invoice> invoices;
    final TestOutputTopic<String, PaymentReceipt> receipts;
    final TestOutputTopic<String, byte[]> deadLetters;

    TransformerDriver(String registryUrl, Path stateDir, Map<String, String> settings, Instant wallClock) {
        Map<String, String> env = new HashMap<>(settings);
        env.put("BRIDGE_TRANSFORMER_STATE_DIR", stateDir.toString());
        TransformerConfig config = TransformerConfig.from(new Environment(env));
        CanonicalSerdes serdes = CanonicalSerdes.confluent(new SchemaRegistryClient(registryUrl));
        driver = new TopologyTestDriver(TransformerService.topology(config, serdes),
                TransformerService.streamsProperties(config), wallClock);
        rawP21 = driver.createInputTopic(Topics.RAW_P21.name(), Serdes.String().serializer(), Serdes.ByteArray().serializer());
        xcart = driver.createInputTopic(Topics.RAW_XCART.name(), Serdes.String().serializer(), Serdes.ByteArray().serializer());
        clarity = driver.createInputTopic(Topics.RAW_CLARITY.name(), Serdes.String().serializer(),
                Serdes.ByteArray().serializer());
        xref = driver.createInputTopic(Topics.SKU_XREF.name(), Serdes.String().serializer(), Serdes.String().serializer());
        orders = driver.createInputTopic(Topics.CANONICAL_ORDERS.name(), Serdes.String().serializer(),
                serdes.orders().serializer());
        confirmations = driver.createInputTopic(Topics.CANONICAL_ORDER_CONFIRMATIONS.name(), Serdes.String().serializer(),
                serdes.confirmations().serializer());
        statusInput = driver.createInputTopic(Topics.CANONICAL_ORDER_STATUS.name(), Serdes.String().serializer(),
                serdes.orderStatuses().serializer());
        products = driver.createOutputTopic(Topics.CANONICAL_PRODUCTS.name(), Serdes.String().deserializer(),
                serdes.products().deserializer());
        customers = driver.createOutputTopic(Topics.CANONICAL_CUSTOMERS.name(), Serdes.String().deserializer(),
                serdes.customers().deserializer());
        shipments = driver.createOutputTopic(Topics.CANONICAL_SHIPMENTS.name(), Serdes.String().deserializer(),
                serdes.shipments().deserializer());
        statuses = driver.createOutputTopic(Topics.CANONICAL_ORDER_STATUS.name(), Serdes.String().deserializer(),
                serdes.orderStatuses().deserializer());
        inventory = driver.createOutputTopic(Topics.CANONICAL_INVENTORY.name(), Serdes.String().deserializer(),
                serdes.inventory().deserializer());
        payments = driver.createOutputTopic(Topics.CANONICAL_PAYMENTS.name(), Serdes.String().deserializer(),
                serdes.payments().deserializer());
        returns = driver.createOutputTopic(Topics.CANONICAL_RETURNS.name(), Serdes.String().deserializer(),
                serdes.returns().deserializer());
        invoices = driver.createOutputTopic(Topics.CANONICAL_INVOICES.name(), Serdes.String().deserializer(),
                serdes.invoices().deserializer());
        receipts = driver.createOutputTopic(Topics.CANONICAL_PAYMENT_RECEIPTS.name(), Serdes.String().deserializer(),
                serdes.receipts().deserializer());
        deadLetters = driver.createOutputTopic(Topics.DLQ_TRANSFORMER.name(), Serdes.String().deserializer(),
                Serdes.ByteArray().deserializer());
    }

    /** A raw.p21 record as the poller writes it, received (and timestamped) at {@code receivedAt}. */
    void p21(String eventType, String eventId, String key, String json, Instant receivedAt) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("event-type", eventType.getBytes(StandardCharsets.UTF_8));
        headers.add("event-id", eventId.getBytes(StandardCharsets.UTF_8));
        headers.add("source", "p21".getBytes(StandardCharsets.UTF_8));
        headers.add("received-at", Long.toString(receivedAt.toEpochMilli()).getBytes(StandardCharsets.UTF_8));
        rawP21.pipeInput(new TestRecord<>(key, json.getBytes(StandardCharsets.UTF_8), headers, receivedAt));
    }

    /** A storefront webhook as the ingress writes it to raw.xcart or raw.clarity, received at {@code receivedAt}. */
    void storefront(String source, String eventType, String eventId, String key, String json, Instant receivedAt) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("event-type", eventType.getBytes(StandardCharsets.UTF_8));
        headers.add("event-id", eventId.getBytes(StandardCharsets.UTF_8));
        headers.add("source", source.getBytes(StandardCharsets.UTF_8));
        headers.add("received-at", Long.toString(receivedAt.toEpochMilli()).getBytes(StandardCharsets.UTF_8));
        (source.equals("xcart") ? xcart : clarity)
                .pipeInput(new TestRecord<>(key, json.getBytes(StandardCharsets.UTF_8), headers, receivedAt));
    }

    /** An inv_loc row of {@code item} at {@code location}, modified at {@code modified} and polled then. */
    void reading(String item, int location, int onHand, int allocated, Instant modified) {
        p21("inventory.changed", "inv_loc:" + item + "/" + location + ":" + modified, item, """
                {"inv_mast_uid": 1001, "item_id": "%s", "location_id": %d, "qty_on_hand": %d.0, "qty_allocated": %d,
                 "qty_backordered": 0, "sellable": "Y", "stockable": "Y", "delete_flag": "N",
                 "date_last_modified": "%s", "row_status_flag": 704}
                """.formatted(item, location, onHand, allocated, modified), modified);
    }

    /** A new storefront order on canonical.orders, as the storefront flow writes it. */
    /** The platform of a store in these tests: {@code clarity} and names starting with {@code clarity}, else X-Cart. */
    private static Source sourceOf(String store) {
        return store.startsWith("clarity") ? Source.CLARITY : Source.XCART;
    }

    void order(String orderKey, String sku, int quantity, Instant at) {
        orders.pipeInput(orderKey, order(orderKey, sku, sku, quantity, at), at);
    }

    /** A confirmation that does not say when P21 created the order, as a p21-sink that reads nothing back sends it. */
    void confirmation(String orderKey, Instant confirmedAt) {
        confirmation(orderKey, confirmedAt, null);
    }

    /** A confirmation saying when P21 created the order ({@code oe_hdr.date_created}), as the p21-sink sends it. */
    void confirmation(String orderKey, Instant confirmedAt, Instant p21CreatedAt) {
        String[] parts = orderKey.split(":", 2);
        confirmations.pipeInput(orderKey, OrderConfirmation.newBuilder()
                .setOrderKey(orderKey).setSource(sourceOf(parts[0])).setOrderId(parts[1])
                .setP21OrderNo("100" + parts[1]).setP21CustomerId("C1").setSourceEventId("evt-" + orderKey)
                .setConfirmedAt(confirmedAt).setAlreadyExisted(false).setP21CreatedAt(p21CreatedAt).build(),
                confirmedAt);
    }

    /** The p21-sink's skip record: it wrote no P21 order for the storefront order, for {@code reason}. */
    void skipped(String orderKey, Instant confirmedAt, String reason) {
        String[] parts = orderKey.split(":", 2);
        confirmations.pipeInput(orderKey, OrderConfirmation.newBuilder()
                .setOrderKey(orderKey).setSource(sourceOf(parts[0])).setOrderId(parts[1])
                .setP21OrderNo("").setP21CustomerId("").setSourceEventId("evt-" + orderKey)
                .setConfirmedAt(confirmedAt).setAlreadyExisted(false).setSkippedReason(reason).build(),
                confirmedAt);
    }

    /** An order status on canonical.order-status, its P21 row modified (and polled) at {@code changedAt}. */
    void status(String orderKey, OrderStatusCode code, Instant changedAt) {
        String[] parts = orderKey.split(":", 2);
        statusInput.pipeInput(orderKey, OrderStatus.newBuilder()
                .setOrderKey(orderKey).setSource(sourceOf(parts[0])).setOrderId(parts[1])
                .setSourceEventId("oe_hdr:100" + parts[1] + ":" + changedAt).setEventTime(changedAt)
                .setP21OrderNo("100" + parts[1]).setStatus(code).setP21Status(code.name()).setChangedAt(changedAt)
                .setPickTicketNo(null).setLines(List.of()).build(), changedAt);
    }

    void advance(Duration duration) {
        driver.advanceWallClockTime(duration);
    }

    static Order order(String orderKey, String sku, String itemId, int quantity, Instant at) {
        BigDecimal qty = new BigDecimal(quantity).setScale(4);
        BigDecimal price = new BigDecimal("10.0000");
        BigDecimal subtotal = qty.multiply(price).setScale(4);
        BigDecimal zero = BigDecimal.ZERO.setScale(4);
        String[] parts = orderKey.split(":", 2);
        return Order.newBuilder()
                .setOrderKey(orderKey).setSource(sourceOf(parts[0])).setSourceEventId("evt-" + orderKey)
                .setChangeType(ChangeType.CREATED).setEventTime(at).setOrderId(parts[1]).setOrderDate(at)
                .setCustomer(Contact.newBuilder().setEmail("buyer@example.com").build())
                .setLines(List.of(OrderLine.newBuilder().setLineNumber(1).setSku(sku).setP21ItemId(itemId)
                        .setQuantity(qty).setUnitPrice(price).setTax(zero).setExtendedPrice(subtotal).build()))
                .setTotals(Totals.newBuilder().setSubtotal(subtotal).setDiscount(zero).setTax(zero).setShipping(zero)
                        .setTotal(subtotal).build())
                .setCurrency("USD")
                .setPayment(PaymentInfo.newBuilder().setStatus(PaymentStatus.PAID).build())
                .setFulfillmentStatus(FulfillmentStatus.NEW)
                .setP21(P21OrderDefaults.newBuilder().setSalesLocationId("10").setSourceLocationId("10").setTaker("WEB")
                        .setRequestedDate(LocalDate.of(2026, 11, 23)).build())
                .build();
    }

    /** The value of a Streams metric of this driver by name, or null when it was never registered. */
    Object metric(String name) {
        return driver.metrics().entrySet().stream().filter(e -> e.getKey().name().equals(name))
                .map(e -> e.getValue().metricValue()).findFirst().orElse(null);
    }

    @Override
    public void close() {
        driver.close();
    }
}
