package dev.p21bridge.transformer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.p21bridge.platform.config.Environment;
import dev.p21bridge.platform.dlq.DeadLetterHeaders;
import dev.p21bridge.platform.orders.FirstCreate;
import dev.p21bridge.platform.orders.ReceivedVia;
import dev.p21bridge.platform.topics.Topics;
import dev.p21bridge.registry.EmbeddedSchemaRegistry;
import dev.p21bridge.transformer.mapping.ActiveMapping;
import dev.p21bridge.transformer.mapping.MappingSet;
import dev.p21bridge.schemas.Address;
import dev.p21bridge.schemas.ChangeType;
import dev.p21bridge.schemas.Customer;
import dev.p21bridge.schemas.FulfillmentStatus;
import dev.p21bridge.schemas.Order;
import dev.p21bridge.schemas.OrderLine;
import dev.p21bridge.schemas.PaymentStatus;
import dev.p21bridge.schemas.Source;
import dev.p21bridge.schemas.serde.ConfluentAvroSerde;
import dev.p21bridge.schemas.serde.SchemaRegistryClient;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TransformerTopologyTest {

    private static final Instant RECEIVED = Instant.parse("2026-11-20T14:03:12Z");
    private static EmbeddedSchemaRegistry registry;

    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> xcart;
    private TestInputTopic<String, byte[]> clarity;
    private TestInputTopic<String, String> xref;
    private TestOutputTopic<String, Order> orders;
    private TestOutputTopic<String, Customer> customers;
    private TestOutputTopic<String, byte[]> deadLetters;

    @BeforeAll
    static void startRegistry() {
        registry = EmbeddedSchemaRegistry.inMemory(0).start();
    }

    @AfterAll
    static void stopRegistry() {
        registry.close();
    }

    private static final Instant MEMORY_BEGAN = Instant.parse("2026-11-01T00:00:00Z");

    private SchemaRegistryClient client;
    private ConfluentAvroSerde<Order> orderSerde;

    private TransformerConfig config() {
        return TransformerConfig.from(new Environment(Map.of(
                "BRIDGE_KAFKA_BOOTSTRAP", "localhost:9092",
                "BRIDGE_TRANSFORMER_STATE_DIR", stateDir.toString(),
                "BRIDGE_P21_SALES_LOCATION", "10",
                "BRIDGE_P21_SOURCE_LOCATION", "20",
                "BRIDGE_P21_TAKER", "WEBSTORE",
                "BRIDGE_P21_REQUESTED_DATE_OFFSET_DAYS", "2")));
    }

    @BeforeEach
    void setUp() {
        TransformerConfig config = config();
        client = new SchemaRegistryClient(registry.url());
        orderSerde = new ConfluentAvroSerde<>(client, Order.class);
        ConfluentAvroSerde<Customer> customerSerde = new ConfluentAvroSerde<>(client, Customer.class);
        // the dedup's memory began well before the samples were placed, as in a bridge running for a while
        driver = new TopologyTestDriver(TransformerService.topology(config, CanonicalSerdes.confluent(client)),
                TransformerService.streamsProperties(config), MEMORY_BEGAN);
        xcart = driver.createInputTopic(Topics.RAW_XCART.name(), Serdes.String().serializer(), Serdes.ByteArray().serializer());
        clarity = driver.createInputTopic(Topics.RAW_CLARITY.name(), Serdes.String().serializer(), Serdes.ByteArray().serializer());
        xref = driver.createInputTopic(Topics.SKU_XREF.name(), Serdes.String().serializer(), Serdes.String().serializer());
        orders = driver.createOutputTopic(Topics.CANONICAL_ORDERS.name(), Serdes.String().deserializer(), orderSerde.deserializer());
        customers = driver.createOutputTopic(Topics.CANONICAL_CUSTOMERS.name(), Serdes.String().deserializer(),
                customerSerde.deserializer());
        deadLetters = driver.createOutputTopic(Topics.DLQ_TRANSFORMER.name(), Serdes.String().deserializer(),
                Serdes.ByteArray().deserializer());
    }

    @AfterEach
    void tearDown() {
        driver.close();
    }

    @Test
    void shouldMapWithTheAppliedSetFromTheNextRecordStampItsVersionAndRollBack() throws IOException {
        TestInputTopic<String, byte[]> mappings = driver.createInputTopic(Topics.MAPPINGS.name(),
                Serdes.String().serializer(), Serdes.ByteArray().serializer());
        send(xcart, "10452", sample("xcart/order.created.json"), "xcart", "order.created", "v0-order");
        TestRecord<String, Order> before = orders.readRecord();
        assertThat(header(before, NormalizeProcessor.MAPPING_VERSION)).isEqualTo("0");
        assertThat(before.value().getP21().getSalesRepId()).isNull();

        SortedMap<String, String> files = new TreeMap<>(MappingSet.bundled().files());
        files.put("rules/10-big-orders.jsonata", "totals.total > 400 ? {\"p21\": {\"salesRepId\": \"REP-BIG\"}}");
        files.put("rules/20-ship-via.jsonata", "{\"p21\": {\"shipViaId\": $lookup(\"ship-via\", shippingMethod)}}");
        files.put("tables/ship-via.csv", "storefront method,p21 carrier\nUPS Ground,UPSG-RULE\n");
        mappings.pipeInput(ActiveMapping.setKey(1), new MappingSet(1, RECEIVED, files).toJson());
        mappings.pipeInput(ActiveMapping.KEY, ActiveMapping.bundled().activate(1).toJson());

        send(xcart, "10453", sample("xcart/order.created.json"), "xcart", "order.updated", "v1-order");
        TestRecord<String, Order> applied = orders.readRecord();
        assertThat(header(applied, NormalizeProcessor.MAPPING_VERSION)).isEqualTo("1");
        assertThat(applied.value().getP21().getSalesRepId()).as(applied.value().toString()).isEqualTo("REP-BIG");
        assertThat(applied.value().getP21().getShipViaId()).isEqualTo("UPSG-RULE");
        assertThat(applied.value().getTotals()).isEqualTo(before.value().getTotals());

        mappings.pipeInput(ActiveMapping.KEY, ActiveMapping.bundled().activate(1).rollback().toJson());
        send(xcart, "10452", sample("xcart/order.created.json"), "xcart", "order.updated", "rolled-back-order");
        TestRecord<String, Order> rolledBack = orders.readRecord();
        assertThat(header(rolledBack, NormalizeProcessor.MAPPING_VERSION)).isEqualTo("0");
        assertThat(rolledBack.value().getP21().getSalesRepId()).isNull();

        // a version whose set never came keeps the one in use: records flow on, mapped by version 0
        mappings.pipeInput(ActiveMapping.KEY, ActiveMapping.bundled().activate(7).toJson());
        send(xcart, "10452", sample("xcart/order.created.json"), "xcart", "order.updated", "missing-set-order");
        assertThat(header(orders.readRecord(), NormalizeProcessor.MAPPING_VERSION)).isEqualTo("0");
        // and so does an active record no apply wrote
        mappings.pipeInput(ActiveMapping.KEY, "not json".getBytes(StandardCharsets.UTF_8));
        send(xcart, "10452", sample("xcart/order.created.json"), "xcart", "order.updated", "junk-active-order");
        assertThat(header(orders.readRecord(), NormalizeProcessor.MAPPING_VERSION)).isEqualTo("0");
        assertThat(deadLetters.isEmpty()).isTrue();
    }

    @Test
    void shouldMapTheXCartSampleOrderFieldByField() throws IOException {
        send(xcart, "10452", sample("xcart/order.created.json"), "xcart", "order.created", "evt-1");

        TestRecord<String, Order> record = orders.readRecord();
        assertThat(record.key()).isEqualTo("xcart:10452");
        Order order = record.value();
        assertThat(order.getOrderKey()).isEqualTo("xcart:10452");
        assertThat(order.getSource()).isEqualTo(Source.XCART);
        assertThat(order.getSourceEventId()).isEqualTo("evt-1");
        assertThat(order.getChangeType()).isEqualTo(ChangeType.CREATED);
        assertThat(order.getEventTime()).isEqualTo(RECEIVED);
        assertThat(order.getOrderId()).isEqualTo("10452");
        assertThat(order.getOrderNumber()).isEqualTo("10452");
        assertThat(order.getOrderDate()).isEqualTo(Instant.parse("2026-11-20T14:03:11Z"));
        assertThat(order.getStorefrontCustomerId()).isEqualTo("3310");
        assertThat(order.getCustomer().getEmail()).isEqualTo("dana.whitfield@example.com");
        assertThat(order.getCustomer().getFirstName()).isEqualTo("Dana");
        assertThat(order.getCustomer().getLastName()).isEqualTo("Whitfield");
        assertThat(order.getCustomer().getCompany()).isEqualTo("Whitfield Mechanical LLC");
        assertThat(order.getCustomer().getPhone()).isEqualTo("+1 512 555 0142");
        Address shipTo = order.getShippingAddress();
        assertThat(shipTo.getName()).isEqualTo("Dana Whitfield");
        assertThat(shipTo.getLine1()).isEqualTo("4410 Industrial Oaks Blvd");
        assertThat(shipTo.getCity()).isEqualTo("Austin");
        assertThat(shipTo.getRegionCode()).isEqualTo("TX");
        assertThat(shipTo.getPostalCode()).isEqualTo("78735-1822");
        assertThat(shipTo.getCountryCode()).isEqualTo("US");
        assertThat(order.getBillingAddress().getLine1()).isEqualTo("1200 N Lamar Blvd Ste 300");
        assertThat(order.getLines()).hasSize(2);
        OrderLine first = order.getLines().get(0);
        assertThat(first.getLineNumber()).isEqualTo(1);
        assertThat(first.getSourceLineId()).isEqualTo("88101");
        assertThat(first.getSku()).isEqualTo("HX-4410");
        assertThat(first.getP21ItemId()).isEqualTo("HX-4410");
        assertThat(first.getDescription()).isEqualTo("Hex bolt 3/8 x 2 in, zinc, box of 100");
        assertThat(first.getQuantity()).isEqualTo(new BigDecimal("8.0000"));
        assertThat(first.getUnitPrice()).isEqualTo(new BigDecimal("24.9500"));
        assertThat(first.getExtendedPrice()).isEqualTo(new BigDecimal("199.6000"));
        assertThat(order.getLines().get(1).getUnitPrice()).isEqualTo(new BigDecimal("18.2000"));
        assertThat(order.getTotals().getSubtotal()).isEqualTo(new BigDecimal("381.6000"));
        assertThat(order.getTotals().getTax()).isEqualTo(new BigDecimal("30.3900"));
        assertThat(order.getTotals().getShipping()).isEqualTo(new BigDecimal("14.5000"));
        assertThat(order.getTotals().getDiscount()).isEqualTo(new BigDecimal("13.2700"));
        assertThat(order.getTotals().getTotal()).isEqualTo(new BigDecimal("413.2200"));
        assertThat(order.getCurrency()).isEqualTo("USD");
        assertThat(order.getPayment().getStatus()).isEqualTo(PaymentStatus.PAID);
        assertThat(order.getPayment().getMethod()).isEqualTo("Credit Card");
        assertThat(order.getPayment().getTransactionId()).isEqualTo("pi_3QxK2vL8cL9Yq1aB0m4t");
        assertThat(order.getPayment().getAmount()).isEqualTo(new BigDecimal("413.2200"));
        assertThat(order.getFulfillmentStatus()).isEqualTo(FulfillmentStatus.NEW);
        assertThat(order.getShippingMethod()).isEqualTo("UPS Ground");
        assertThat(order.getNotes()).isEqualTo("Leave at dock 4");
        assertThat(order.getP21().getSalesLocationId()).isEqualTo("10");
        assertThat(order.getP21().getSourceLocationId()).isEqualTo("20");
        assertThat(order.getP21().getTaker()).isEqualTo("WEBSTORE");
        assertThat(order.getP21().getRequestedDate()).isEqualTo(LocalDate.of(2026, 11, 22));
    }

    @Test
    void shouldMapTheClaritySampleOrderFieldByField() throws IOException {
        send(clarity, "CL-2026-000981", sample("clarity/order.created.json"), "clarity", "order.created", "cl-evt-1");

        Order order = orders.readRecord().value();
        assertThat(order.getOrderKey()).isEqualTo("clarity:CL-2026-000981");
        assertThat(order.getSource()).isEqualTo(Source.CLARITY);
        assertThat(order.getOrderNumber()).isEqualTo("CL-2026-000981");
        assertThat(order.getOrderDate()).isEqualTo(Instant.parse("2026-11-20T14:15:44Z"));
        assertThat(order.getStorefrontCustomerId()).isEqualTo("C-55012");
        assertThat(order.getCustomer().getEmail()).isEqualTo("mj.nunez@example.org");
        assertThat(order.getCustomer().getFirstName()).isEqualTo("María");
        assertThat(order.getCustomer().getLastName()).isEqualTo("José Núñez Ortega");
        assertThat(order.getCustomer().getCompany()).isEqualTo("Núñez Plumbing Supply");
        assertThat(order.getCustomer().getPhone()).isEqualTo("(312) 555-0199");
        assertThat(order.getShippingAddress().getLine2()).isEqualTo("Unit 4B");
        assertThat(order.getShippingAddress().getCountryCode()).isEqualTo("US");
        assertThat(order.getShippingAddress().getRegionCode()).isEqualTo("IL");
        assertThat(order.getBillingAddress().getName()).isEqualTo("Accounts Payable");
        assertThat(order.getBillingAddress().getLine2()).isNull();
        assertThat(order.getBillingAddress().getPostalCode()).isEqualTo("60680-6120");
        assertThat(order.getLines()).extracting(OrderLine::getSku).containsExactly("HX-4410", "PVC-SCH40-075-10", "BV-075-SWT");
        OrderLine first = order.getLines().get(0);
        assertThat(first.getQuantity()).isEqualTo(new BigDecimal("12.0000"));
        assertThat(first.getUnitPrice()).isEqualTo(new BigDecimal("24.9500"));
        assertThat(first.getTax()).isEqualTo(new BigDecimal("30.6900"));
        assertThat(first.getExtendedPrice()).isEqualTo(new BigDecimal("299.4000"));
        assertThat(order.getTotals().getSubtotal()).isEqualTo(new BigDecimal("1224.2000"));
        assertThat(order.getTotals().getTax()).isEqualTo(new BigDecimal("125.4900"));
        assertThat(order.getTotals().getShipping()).isEqualTo(new BigDecimal("18.0000"));
        assertThat(order.getTotals().getDiscount()).isEqualTo(new BigDecimal("0.0000"));
        assertThat(order.getTotals().getTotal()).isEqualTo(new BigDecimal("1367.6900"));
        assertThat(order.getPayment().getMethod()).isEqualTo("PurchaseOrder");
        assertThat(order.getPayment().getPoNumber()).isEqualTo("PO-88123");
        assertThat(order.getPayment().getTerms()).isEqualTo("Net 30");
        assertThat(order.getPayment().getStatus()).isEqualTo(PaymentStatus.PENDING);
        assertThat(order.getPayment().getAmount()).isEqualTo(new BigDecimal("1367.6900"));
        assertThat(order.getFulfillmentStatus()).isEqualTo(FulfillmentStatus.NEW);
        assertThat(order.getShippingMethod()).isEqualTo("FedEx 2Day");
        assertThat(order.getP21().getRequestedDate()).isEqualTo(LocalDate.of(2026, 11, 22));
    }

    @Test
    void shouldAlsoEmitTheBuyerOfAnOrderAsACustomerKeyedByEmail() throws IOException {
        send(clarity, "CL-2026-000981", sample("clarity/order.created.json"), "clarity", "order.created", "cl-evt-1");

        TestRecord<String, Customer> record = customers.readRecord();
        assertThat(record.key()).isEqualTo("mj.nunez@example.org");
        assertThat(record.value().getLastName()).isEqualTo("José Núñez Ortega");
        assertThat(record.value().getSourceCustomerId()).isEqualTo("C-55012");
        assertThat(record.value().getShippingAddress().getCity()).isEqualTo("Chicago");
    }

    @Test
    void shouldMapCustomerEventsOfBothStorefronts() throws IOException {
        send(xcart, "3310", sample("xcart/customer.created.json"), "xcart", "customer.created", "c-1");
        send(clarity, "C-55012", sample("clarity/customer.created.json"), "clarity", "customer.created", "c-2");

        List<TestRecord<String, Customer>> records = customers.readRecordsToList();
        assertThat(records).extracting(TestRecord::key).containsExactly("dana.whitfield@example.com", "mj.nunez@example.org");
        Customer dana = records.get(0).value();
        assertThat(dana.getChangeType()).isEqualTo(ChangeType.CREATED);
        assertThat(dana.getSourceCustomerId()).isEqualTo("3310");
        assertThat(dana.getCompany()).isEqualTo("Whitfield Mechanical LLC");
        assertThat(dana.getBillingAddress().getLine1()).isEqualTo("1200 N Lamar Blvd Ste 300");
        assertThat(dana.getShippingAddress().getPostalCode()).isEqualTo("78735-1822");
        assertThat(dana.getChangedAt()).isEqualTo(Instant.ofEpochSecond(1763647391));
        Customer maria = records.get(1).value();
        assertThat(maria.getFirstName()).isEqualTo("María");
        assertThat(maria.getChangedAt()).isEqualTo(Instant.parse("2026-11-19T23:02:10Z"));
        assertThat(maria.getBillingAddress().getCountryCode()).isEqualTo("US");
    }

    @Test
    void shouldDropARedeliveredWebhook() throws IOException {
        byte[] body = sample("xcart/order.created.json");
        send(xcart, "10452", body, "xcart", "order.created", "evt-1");
        send(xcart, "10452", body, "xcart", "order.created", "evt-1");

        assertThat(orders.readRecordsToList()).hasSize(1);
    }

    @Test
    void shouldNotConfuseEqualEventIdsOfDifferentStorefronts() throws IOException {
        send(xcart, "10452", sample("xcart/order.created.json"), "xcart", "order.created", "same-id");
        send(clarity, "CL-2026-000981", sample("clarity/order.created.json"), "clarity", "order.created", "same-id");

        assertThat(orders.readRecordsToList()).hasSize(2);
    }

    @Test
    void shouldDropASecondOrderCreatedWithANewEventIdButPassUpdates() throws IOException {
        byte[] body = sample("xcart/order.created.json");
        send(xcart, "10452", body, "xcart", "order.created", "evt-1");
        send(xcart, "10452", body, "xcart", "order.created", "evt-2");
        send(xcart, "10452", body, "xcart", "order.updated", "evt-3");

        assertThat(orders.readValuesToList()).extracting(Order::getChangeType)
                .containsExactly(ChangeType.CREATED, ChangeType.UPDATED);
    }

    /** The p21-sink creates an order so marked without looking it up in P21 first: one P21 call, not two. */
    @Test
    void shouldMarkANewOrderAsAFirstCreateOnCanonicalOrdersButNotItsBuyer() throws IOException {
        send(xcart, "10452", sample("xcart/order.created.json"), "xcart", "order.created", "evt-1");

        assertThat(FirstCreate.isMarked(orders.readRecord().headers())).isTrue();
        assertThat(customers.readRecord().headers().lastHeader(FirstCreate.HEADER)).isNull();
    }

    @Test
    void shouldMarkOnlyTheFirstCreateOfAnOrderAndNeverAnUpdate() throws IOException {
        byte[] body = sample("xcart/order.created.json");
        send(xcart, "10452", body, "xcart", "order.created", "evt-1");
        send(xcart, "10452", body, "xcart", "order.created", "evt-2");
        send(xcart, "10452", body, "xcart", "order.updated", "evt-3");

        List<TestRecord<String, Order>> records = orders.readRecordsToList();
        assertThat(records).extracting(r -> r.value().getChangeType())
                .containsExactly(ChangeType.CREATED, ChangeType.UPDATED);
        assertThat(FirstCreate.isMarked(records.get(0).headers())).isTrue();
        assertThat(records.get(1).headers().lastHeader(FirstCreate.HEADER)).isNull();
    }

    /**
     * The order-dedup retention is 30 days here: an order received more than 15 days after it was placed may have
     * had a record so long ago that its key is forgotten, so the p21-sink must look it up as before.
     */
    @Test
    void shouldNotMarkAnOrderPlacedLongerThanHalfTheOrderRetentionBeforeItArrived() throws IOException {
        Instant placed = Instant.parse("2026-11-20T14:03:11Z");
        xcart.pipeInput(new TestRecord<>("10452", xcartOrder("10452"), headers("xcart", "order.created", "evt-1"),
                placed.plus(Duration.ofDays(14))));
        xcart.pipeInput(new TestRecord<>("10453", xcartOrder("10453"), headers("xcart", "order.created", "evt-2"),
                placed.plus(Duration.ofDays(16))));

        List<TestRecord<String, Order>> records = orders.readRecordsToList();
        assertThat(records).extracting(TestRecord::key).containsExactly("xcart:10452", "xcart:10453");
        assertThat(FirstCreate.isMarked(records.get(0).headers())).as("14 days late").isTrue();
        assertThat(records.get(1).headers().lastHeader(FirstCreate.HEADER)).as("16 days late").isNull();
    }

    /**
     * After a reset of the application's state the dedup remembers nothing of the orders before it, and the raw
     * topics read again bring them back as new: an order received before the memory began (or within half a minute
     * after, for the ingress's clock) is not vouched for.
     */
    @Test
    void shouldNotMarkAnOrderReceivedBeforeTheDedupsMemoryBeganOrWithinHalfAMinuteAfter() throws IOException {
        Instant reset = Instant.parse("2026-11-20T14:02:00Z");
        restartWithMemoryBeganAt(reset);

        xcart.pipeInput(new TestRecord<>("10452", sample("xcart/order.created.json"),
                headers("xcart", "order.created", "evt-1"), reset.minusSeconds(3600)));
        xcart.pipeInput(new TestRecord<>("10453", xcartOrder("10453"), headers("xcart", "order.created", "evt-2"),
                reset.plusSeconds(20)));
        xcart.pipeInput(new TestRecord<>("10454", xcartOrder("10454"), headers("xcart", "order.created", "evt-3"),
                reset.plusSeconds(80)));

        List<TestRecord<String, Order>> records = orders.readRecordsToList();
        assertThat(records).extracting(TestRecord::key).containsExactly("xcart:10452", "xcart:10453", "xcart:10454");
        assertThat(records.get(0).headers().lastHeader(FirstCreate.HEADER)).as("received before").isNull();
        assertThat(records.get(1).headers().lastHeader(FirstCreate.HEADER)).as("20 s after").isNull();
        assertThat(FirstCreate.isMarked(records.get(2).headers())).as("placed 71 s after, received 80 s after")
                .isTrue();
    }

    /**
     * The upgrade that moved each store's raw records to the store's own partition began every task's memory anew:
     * an order placed before, redelivered after, may have been seen by the task of its old partition and be in P21.
     */
    @Test
    void shouldNotMarkAnOrderPlacedBeforeTheDedupsMemoryBeganThoughReceivedAfter() throws IOException {
        Instant upgrade = Instant.parse("2026-11-20T14:03:00Z");
        restartWithMemoryBeganAt(upgrade);

        // placed 14:03:11, within half a minute of the memory's start
        xcart.pipeInput(new TestRecord<>("10452", sample("xcart/order.created.json"),
                headers("xcart", "order.created", "evt-1"), upgrade.plus(Duration.ofHours(1))));

        TestRecord<String, Order> record = orders.readRecord();
        assertThat(record.key()).isEqualTo("xcart:10452");
        assertThat(record.headers().lastHeader(FirstCreate.HEADER)).isNull();
    }

    private void restartWithMemoryBeganAt(Instant began) {
        driver.close();
        driver = new TopologyTestDriver(TransformerService.topology(config(), CanonicalSerdes.confluent(client)),
                TransformerService.streamsProperties(config()), began);
        xcart = driver.createInputTopic(Topics.RAW_XCART.name(), Serdes.String().serializer(), Serdes.ByteArray().serializer());
        orders = driver.createOutputTopic(Topics.CANONICAL_ORDERS.name(), Serdes.String().deserializer(), orderSerde.deserializer());
    }

    /** A replayed dead letter may be an order the p21-sink already created from an earlier record. */
    @Test
    void shouldNotMarkAReplayedOrder() throws IOException {
        RecordHeaders replay = headers("xcart", "order.created", "evt-1");
        replay.add(DeadLetterHeaders.REPLAY_COUNT, "1".getBytes(StandardCharsets.UTF_8));
        xcart.pipeInput(new TestRecord<>("10452", sample("xcart/order.created.json"), replay, RECEIVED));

        TestRecord<String, Order> record = orders.readRecord();
        assertThat(record.value().getChangeType()).isEqualTo(ChangeType.CREATED);
        assertThat(record.headers().lastHeader(FirstCreate.HEADER)).isNull();
    }

    /**
     * {@code ./bridge backfill orders} brings a store's history: an order the dedup does not know may still be in P21
     * (created before the dedup's memory, or by an earlier installation), so a backfilled order is never vouched for.
     */
    @Test
    void shouldNotMarkABackfilledOrderAsAFirstCreateThoughItsKeyIsNew() throws IOException {
        RecordHeaders backfilled = headers("xcart", "order.created", "backfill:xcart:10452");
        ReceivedVia.add(backfilled, ReceivedVia.BACKFILL);
        xcart.pipeInput(new TestRecord<>("10452", sample("xcart/order.created.json"), backfilled, RECEIVED));

        TestRecord<String, Order> record = orders.readRecord();
        assertThat(record.value().getChangeType()).isEqualTo(ChangeType.CREATED);
        assertThat(record.headers().lastHeader(FirstCreate.HEADER)).isNull();
    }

    /**
     * A backfill of an order the bridge took in once: dropped while {@code orders-seen} remembers its key (30 days
     * here), passed on unmarked once it has forgotten it, so the p21-sink's look-up by web_reference_no finds the
     * P21 order and creates none.
     */
    @Test
    void shouldDropABackfilledOrderWithinTheOrderRetentionAndPassItUnmarkedAfter() throws IOException {
        xcart.pipeInput(new TestRecord<>("10452", xcartOrder("10452"), headers("xcart", "order.created", "evt-1"),
                RECEIVED));
        RecordHeaders soon = headers("xcart", "order.created", "backfill:xcart:10452");
        ReceivedVia.add(soon, ReceivedVia.BACKFILL);
        xcart.pipeInput(new TestRecord<>("10452", xcartOrder("10452"), soon, RECEIVED.plus(Duration.ofDays(29))));
        RecordHeaders late = headers("xcart", "order.created", "backfill:xcart:10452");
        ReceivedVia.add(late, ReceivedVia.BACKFILL);
        xcart.pipeInput(new TestRecord<>("10452", xcartOrder("10452"), late, RECEIVED.plus(Duration.ofDays(31))));

        List<TestRecord<String, Order>> records = orders.readRecordsToList();
        assertThat(records).hasSize(2);
        assertThat(FirstCreate.isMarked(records.get(0).headers())).as("the webhook's").isTrue();
        assertThat(records.get(1).headers().lastHeader(FirstCreate.HEADER)).as("backfilled after 31 days").isNull();
    }

    @Test
    void shouldDropAFirstCreateHeaderThatCameWithTheRawRecord() throws IOException {
        RecordHeaders forgedOld = headers("xcart", "order.created", "evt-1");
        FirstCreate.mark(forgedOld);
        xcart.pipeInput(new TestRecord<>("10452", xcartOrder("10452"), forgedOld,
                Instant.parse("2026-11-20T14:03:11Z").plus(Duration.ofDays(16))));
        RecordHeaders forgedUpdate = headers("xcart", "order.updated", "evt-2");
        FirstCreate.mark(forgedUpdate);
        xcart.pipeInput(new TestRecord<>("10453", xcartOrder("10453"), forgedUpdate, RECEIVED));

        List<TestRecord<String, Order>> records = orders.readRecordsToList();
        assertThat(records).hasSize(2);
        assertThat(records).allSatisfy(r -> assertThat(r.headers().lastHeader(FirstCreate.HEADER)).isNull());
    }

    @Test
    void shouldDropARedeliveredUpdateButNotANewOne() throws IOException {
        byte[] body = sample("xcart/order.created.json");
        send(xcart, "10452", body, "xcart", "order.updated", "evt-1");
        send(xcart, "10452", body, "xcart", "order.updated", "evt-1");
        send(xcart, "10452", body, "xcart", "order.updated", "evt-2");

        assertThat(orders.readValuesToList()).extracting(Order::getSourceEventId).containsExactly("evt-1", "evt-2");
    }

    @Test
    void shouldDropACreateThatArrivesAfterAnUpdateOfTheSameOrder() throws IOException {
        byte[] body = sample("xcart/order.created.json");
        send(xcart, "10452", body, "xcart", "order.updated", "evt-1");
        send(xcart, "10452", body, "xcart", "order.created", "evt-2");

        assertThat(orders.readValuesToList()).extracting(Order::getChangeType).containsExactly(ChangeType.UPDATED);
    }

    @Test
    void shouldDropARedeliveredCustomerEvent() throws IOException {
        byte[] body = sample("clarity/customer.created.json");
        send(clarity, "c-1", body, "clarity", "customer.created", "evt-9");
        send(clarity, "c-1", body, "clarity", "customer.created", "evt-9");

        assertThat(customers.readRecordsToList()).hasSize(1);
    }

    @Test
    void shouldDeadLetterARedeliveredBadWebhookOnce() throws IOException {
        byte[] bad = "{not json".getBytes(StandardCharsets.UTF_8);
        send(xcart, "10452", bad, "xcart", "order.created", "evt-1");
        send(xcart, "10452", bad, "xcart", "order.created", "evt-1");
        send(xcart, "10452", sample("xcart/order.created.json"), "xcart", "order.created", "evt-2");

        assertThat(deadLetters.readRecordsToList()).hasSize(1);
        assertThat(orders.readRecordsToList()).hasSize(1);
    }

    @Test
    void shouldProcessAReplayedDeadLetterAgainDespiteItsKnownEventId() throws IOException {
        byte[] bad = "{not json".getBytes(StandardCharsets.UTF_8);
        send(xcart, "10452", bad, "xcart", "order.created", "evt-1");
        RecordHeaders replay = headers("xcart", "order.created", "evt-1");
        replay.add(DeadLetterHeaders.REPLAY_COUNT, "1".getBytes(StandardCharsets.UTF_8));
        xcart.pipeInput(new TestRecord<>("10452", sample("xcart/order.created.json"), replay, RECEIVED));

        assertThat(deadLetters.readRecordsToList()).hasSize(1);
        assertThat(orders.readRecordsToList()).hasSize(1);
    }

    @Test
    void shouldTranslateSkusThroughTheCrossReferenceTopic() throws IOException {
        xref.pipeInput("HX-4410", "HX4410-P21");
        send(clarity, "CL-2026-000981", sample("clarity/order.created.json"), "clarity", "order.created", "cl-evt-1");

        OrderLine first = orders.readValue().getLines().get(0);
        assertThat(first.getSku()).isEqualTo("HX-4410");
        assertThat(first.getP21ItemId()).isEqualTo("HX4410-P21");
    }

    @Test
    void shouldTranslateSkusThroughTheCrossReferenceCsv() throws IOException {
        Path csv = stateDir.resolve("xref.csv");
        Files.writeString(csv, "storefront_sku,p21_item_id\n# comment\n wsh-0375-z ,WSH375Z\n");
        driver.close();
        TransformerConfig config = TransformerConfig.from(new Environment(Map.of(
                "BRIDGE_TRANSFORMER_STATE_DIR", stateDir.resolve("second").toString(), "BRIDGE_SKU_XREF_CSV", csv.toString())));
        SchemaRegistryClient client = new SchemaRegistryClient(registry.url());
        ConfluentAvroSerde<Order> orderSerde = new ConfluentAvroSerde<>(client, Order.class);
        driver = new TopologyTestDriver(TransformerService.topology(config, CanonicalSerdes.confluent(client)),
                TransformerService.streamsProperties(config));
        xcart = driver.createInputTopic(Topics.RAW_XCART.name(), Serdes.String().serializer(), Serdes.ByteArray().serializer());
        orders = driver.createOutputTopic(Topics.CANONICAL_ORDERS.name(), Serdes.String().deserializer(), orderSerde.deserializer());

        send(xcart, "10452", sample("xcart/order.created.json"), "xcart", "order.created", "evt-1");

        assertThat(orders.readValue().getLines().get(1).getP21ItemId()).isEqualTo("WSH375Z");
    }

    @Test
    void shouldKeepTwoStoresOfOnePlatformApartEachWithItsOwnP21Defaults() throws IOException {
        driver.close();
        TransformerConfig config = TransformerConfig.from(new Environment(Map.of(
                "BRIDGE_TRANSFORMER_STATE_DIR", stateDir.resolve("stores").toString(),
                "BRIDGE_STORES", "us:xcart,ca:xcart,clarity:clarity", "BRIDGE_P21_TAKER", "WEBSTORE",
                "BRIDGE_STORE_CA_P21_TAKER", "WEB-CA", "BRIDGE_STORE_CA_P21_SALES_LOCATION", "20",
                "BRIDGE_STORE_CA_P21_SOURCE_LOCATION", "21")));
        driver = new TopologyTestDriver(TransformerService.topology(config, CanonicalSerdes.confluent(client)),
                TransformerService.streamsProperties(config), MEMORY_BEGAN);
        xcart = driver.createInputTopic(Topics.RAW_XCART.name(), Serdes.String().serializer(), Serdes.ByteArray().serializer());
        orders = driver.createOutputTopic(Topics.CANONICAL_ORDERS.name(), Serdes.String().deserializer(), orderSerde.deserializer());
        deadLetters = driver.createOutputTopic(Topics.DLQ_TRANSFORMER.name(), Serdes.String().deserializer(),
                Serdes.ByteArray().deserializer());

        // the same order id and even the same event id in both stores: two orders
        for (String store : List.of("us", "ca")) {
            RecordHeaders headers = headers("xcart", "order.created", "evt-1");
            headers.add("store", store.getBytes(StandardCharsets.UTF_8));
            xcart.pipeInput(new TestRecord<>("10452", sample("xcart/order.created.json"), headers, RECEIVED));
        }
        send(xcart, "10453", sample("xcart/order.created.json"), "xcart", "order.created", "evt-no-store");

        Map<String, Order> byKey = new java.util.LinkedHashMap<>();
        orders.readRecordsToList().forEach(record -> byKey.put(record.key(), record.value()));
        assertThat(byKey).containsOnlyKeys("us:10452", "ca:10452");
        assertThat(byKey.get("us:10452").getStore()).isEqualTo("us");
        assertThat(byKey.get("us:10452").getP21().getTaker()).isEqualTo("WEBSTORE");
        assertThat(byKey.get("ca:10452").getOrderKey()).isEqualTo("ca:10452");
        assertThat(byKey.get("ca:10452").getP21().getTaker()).isEqualTo("WEB-CA");
        assertThat(byKey.get("ca:10452").getP21().getSalesLocationId()).isEqualTo("20");
        assertThat(byKey.get("ca:10452").getP21().getSourceLocationId()).isEqualTo("21");
        // a record without a store header is the store named as its source, which this installation no longer has
        TestRecord<String, byte[]> letter = deadLetters.readRecord();
        assertThat(header(letter, DeadLetterHeaders.ERROR_CLASS)).isEqualTo("mapping");
        assertThat(header(letter, DeadLetterHeaders.ERROR_MESSAGE))
                .isEqualTo("the record has no store header, so it is of the store 'xcart', which is not one of the"
                        + " xcart stores (ca, us) of BRIDGE_STORES; add the store there and replay the dead letter");
    }

    @Test
    void shouldDeadLetterABodyThatIsNotJsonWithTheContractHeaders() {
        byte[] bad = "{\"id\": 1,".getBytes(StandardCharsets.UTF_8);
        send(xcart, "10452", bad, "xcart", "order.created", "evt-bad");

        TestRecord<String, byte[]> letter = deadLetters.readRecord();
        assertThat(letter.key()).isEqualTo("10452");
        assertThat(letter.value()).isEqualTo(bad);
        assertThat(header(letter, "event-id")).isEqualTo("evt-bad");
        assertThat(header(letter, DeadLetterHeaders.ORIGINAL_TOPIC)).isEqualTo("raw.xcart");
        assertThat(header(letter, DeadLetterHeaders.ORIGINAL_PARTITION)).isEqualTo("0");
        assertThat(header(letter, DeadLetterHeaders.ORIGINAL_OFFSET)).isEqualTo("0");
        assertThat(header(letter, DeadLetterHeaders.SERVICE)).isEqualTo("transformer");
        assertThat(header(letter, DeadLetterHeaders.ERROR_CLASS)).isEqualTo("mapping");
        assertThat(header(letter, DeadLetterHeaders.ERROR_MESSAGE)).startsWith("body is not JSON");
        assertThat(header(letter, DeadLetterHeaders.ATTEMPTS)).isEqualTo("1");
        assertThat(Long.parseLong(header(letter, DeadLetterHeaders.FAILED_AT))).isPositive();
        assertThat(orders.isEmpty()).isTrue();
    }

    @Test
    void shouldDeadLetterAnOrderWhoseTotalsDoNotAddUp() throws IOException {
        String body = new String(sample("xcart/order.created.json"), StandardCharsets.UTF_8).replace("\"total\": 413.22", "\"total\": 413.23");
        send(xcart, "10452", body.getBytes(StandardCharsets.UTF_8), "xcart", "order.created", "evt-1");

        TestRecord<String, byte[]> letter = deadLetters.readRecord();
        assertThat(header(letter, DeadLetterHeaders.ERROR_CLASS)).isEqualTo("validation");
        assertThat(header(letter, DeadLetterHeaders.ERROR_MESSAGE))
                .isEqualTo("totals.total 413.23 does not add up: lines 381.60 + tax 30.39 + shipping 14.50 - discount 13.27"
                        + " = 413.22 (mapped by orders/xcart.jsonata)");
    }

    @Test
    void shouldKeepOneItemOnTwoLinesAndReadFloatNoiseAsTheCentsMeant() throws IOException {
        String body = new String(sample("xcart/order.created.json"), StandardCharsets.UTF_8)
                .replace("\"sku\": \"WSH-0375-Z\"", "\"sku\": \"HX-4410\"")
                .replace("\"price\": 18.2,", "\"price\": 18.200000000000003,");
        send(xcart, "10452", body.getBytes(StandardCharsets.UTF_8), "xcart", "order.created", "evt-1");

        assertThat(deadLetters.isEmpty()).isTrue();
        Order order = orders.readValue();
        assertThat(order.getLines()).extracting(l -> l.getP21ItemId()).containsExactly("HX-4410", "HX-4410");
        assertThat(order.getLines()).extracting(l -> l.getLineNumber()).containsExactly(1, 2);
        assertThat(order.getLines().get(1).getUnitPrice()).isEqualTo(new BigDecimal("18.2000"));
        assertThat(order.getTotals().getTotal()).isEqualByComparingTo("413.22");
    }

    @Test
    void shouldStillDeadLetterAPriceWithARealFifthDecimal() throws IOException {
        String body = new String(sample("xcart/order.created.json"), StandardCharsets.UTF_8)
                .replace("\"price\": 18.2,", "\"price\": 18.20001,");
        send(xcart, "10452", body.getBytes(StandardCharsets.UTF_8), "xcart", "order.created", "evt-1");

        TestRecord<String, byte[]> letter = deadLetters.readRecord();
        assertThat(header(letter, DeadLetterHeaders.ERROR_CLASS)).isEqualTo("validation");
        assertThat(header(letter, DeadLetterHeaders.ERROR_MESSAGE)).isEqualTo("lines[1].unitPrice has more than 4 decimals: 18.20001 (mapped by orders/xcart.jsonata)");
        assertThat(orders.isEmpty()).isTrue();
    }

    @Test
    void shouldDeadLetterEachBrokenFieldWithItsNameAndValue() throws IOException {
        String clean = new String(sample("clarity/order.created.json"), StandardCharsets.UTF_8);
        Map<String, String> broken = Map.of(
                clean.replace("\"quantity\": \"12\"", "\"quantity\": \"twelve\""),
                "mapping:orders/clarity.jsonata mapped a record that cannot be read: lines[0].quantity is not a number: 'twelve'",
                clean.replace("\"countryCode\": \"USA\"", "\"countryCode\": \"XYZ\""),
                "mapping:orders/clarity.jsonata mapped a record that cannot be read: billingAddress.countryCode is not an ISO 3166"
                        + " country code or name: 'XYZ'",
                clean.replace("\"orderDate\": \"2026-11-20T08:15:44-06:00\"", "\"orderDate\": \"20/11/2026\""),
                "mapping:orders/clarity.jsonata mapped a record that cannot be read: orderDate is not an ISO-8601 date-time with"
                        + " offset: '20/11/2026'",
                clean.replace("\"status\": \"Pending\"", "\"status\": \"Lost\""),
                "mapping:orders/clarity.jsonata: look-up table 'clarity-order-status' has no row for 'Lost'; add one to"
                        + " tables/clarity-order-status.csv or give $lookup a default",
                clean.replace("\"orderId\": \"CL-2026-000981\",", ""),
                "validation:orderId is required, got nothing (mapped by orders/clarity.jsonata)",
                clean.replace("\"subtotalAmount\": \"1224.20\"", "\"subtotalAmount\": \"1224.30\""),
                "validation:totals.subtotal 1224.30 does not equal the sum of the lines 1224.20 (mapped by orders/clarity.jsonata)",
                clean.replace("\"quantity\": \"40\"", "\"quantity\": \"0\"").replace("\"subtotalAmount\": \"1224.20\"", "\"subtotalAmount\": \"970.20\"")
                        .replace("\"totalAmount\": \"1367.69\"", "\"totalAmount\": \"1113.69\""),
                "validation:lines[1].quantity must be positive, got 0 (mapped by orders/clarity.jsonata)");
        int event = 0;
        for (Map.Entry<String, String> entry : broken.entrySet()) {
            send(clarity, "CL-2026-000981", entry.getKey().getBytes(StandardCharsets.UTF_8), "clarity", "order.created", "e" + event++);
            TestRecord<String, byte[]> letter = deadLetters.readRecord();
            assertThat(header(letter, DeadLetterHeaders.ERROR_CLASS) + ":" + header(letter, DeadLetterHeaders.ERROR_MESSAGE))
                    .isEqualTo(entry.getValue());
        }
        String noEmail = clean.replace("\" MJ.Nunez@example.org\"", "\"not-an-address\"");
        send(clarity, "CL-2026-000981", noEmail.getBytes(StandardCharsets.UTF_8), "clarity", "order.created", "e-mail");
        TestRecord<String, byte[]> letter = deadLetters.readRecord();
        assertThat(header(letter, DeadLetterHeaders.ERROR_CLASS)).isEqualTo("validation");
        assertThat(header(letter, DeadLetterHeaders.ERROR_MESSAGE)).startsWith("customer.email is not a well-formed e-mail address");
        assertThat(orders.isEmpty()).isTrue();
    }

    @Test
    void shouldDeadLetterAnEventTypeItCannotMapYetRatherThanLoseIt() throws IOException {
        send(xcart, "10452", sample("xcart/order.created.json"), "xcart", "wishlist.updated", "w-1");

        TestRecord<String, byte[]> letter = deadLetters.readRecord();
        assertThat(header(letter, DeadLetterHeaders.ERROR_CLASS)).isEqualTo("mapping");
        assertThat(header(letter, DeadLetterHeaders.ERROR_MESSAGE)).contains("wishlist.updated");
    }

    @Test
    void shouldKeepGoingAfterADeadLetter() throws IOException {
        send(xcart, "1", "[]".getBytes(StandardCharsets.UTF_8), "xcart", "order.created", "evt-0");
        send(xcart, "10452", sample("xcart/order.created.json"), "xcart", "order.created", "evt-1");

        assertThat(deadLetters.readRecordsToList()).hasSize(1);
        assertThat(orders.readRecordsToList()).hasSize(1);
    }

    private static void send(TestInputTopic<String, byte[]> topic, String key, byte[] body, String source, String type, String id) {
        topic.pipeInput(new TestRecord<>(key, body, headers(source, type, id), RECEIVED));
    }

    private static RecordHeaders headers(String source, String type, String id) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("event-type", type.getBytes(StandardCharsets.UTF_8));
        headers.add("event-id", id.getBytes(StandardCharsets.UTF_8));
        headers.add("source", source.getBytes(StandardCharsets.UTF_8));
        headers.add("received-at", Long.toString(RECEIVED.toEpochMilli()).getBytes(StandardCharsets.UTF_8));
        return headers;
    }

    private static String header(TestRecord<String, ?> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    /** The X-Cart sample order under another order id. */
    private static byte[] xcartOrder(String orderId) throws IOException {
        return new String(sample("xcart/order.created.json"), StandardCharsets.UTF_8)
                .replace("\"id\": 10452", "\"id\": " + orderId)
                .replace("\"order_number\": \"10452\"", "\"order_number\": \"" + orderId + "\"")
                .getBytes(StandardCharsets.UTF_8);
    }

    static byte[] sample(String name) throws IOException {
        try (InputStream in = TransformerTopologyTest.class.getResourceAsStream("/samples/" + name)) {
            return in.readAllBytes();
        }
    }
}
