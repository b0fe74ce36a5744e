package dev.p21bridge.ingress.p21;

import static dev.p21bridge.ingress.p21.RawP21Topic.header;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.p21bridge.p21client.StubP21;
import dev.p21bridge.platform.config.Environment;
import dev.p21bridge.platform.config.KafkaConfig;
import dev.p21bridge.platform.kafka.ClientProperties;
import dev.p21bridge.platform.topics.TopicInitializer;
import dev.p21bridge.platform.topics.Topics;
import dev.p21bridge.testing.Await;
import dev.p21bridge.testing.KafkaBrokerExtension;
import dev.p21bridge.testing.TestKafka;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

/**
 * The poller on a real broker against a stub P21, with 200 ms intervals and the default 5 s overlap. One poller
 * and one stub serve the class; tests tell their rows apart by item id, and the two tests about history run first
 * and last.
 */
@Tag("integration")
@ExtendWith(KafkaBrokerExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class P21ChangePollerIntegrationTest {

    private static final Duration ARRIVAL = Duration.ofSeconds(20);
    private static final Instant HISTORY = Instant.parse("2020-01-01T00:00:00Z");

    private static StubP21 p21;
    private static KafkaConfig kafka;
    private static P21PollerConfig config;
    private static SimpleMeterRegistry registry;
    private static P21ChangePoller poller;
    private static RawP21Topic raw;

    @BeforeAll
    static void setUp(TestKafka testKafka) {
        p21 = new StubP21();
        p21.putHistory("inv_loc", stock("HIST-STOCK", 10, "1"), HISTORY);
        p21.putHistory("inv_mast", item("HIST-ITEM-1"), HISTORY);
        p21.putHistory("inv_mast", item("HIST-ITEM-2"), HISTORY.plusMillis(1));
        Environment env = new Environment(Map.ofEntries(
                Map.entry("BRIDGE_KAFKA_BOOTSTRAP", testKafka.bootstrapServers()),
                Map.entry("BRIDGE_P21_URL", p21.url()), Map.entry("BRIDGE_P21_USERNAME", StubP21.USERNAME),
                Map.entry("BRIDGE_P21_PASSWORD", StubP21.PASSWORD), Map.entry("BRIDGE_P21_TIMEOUT", "2s"),
                Map.entry("BRIDGE_P21_POLL_INVENTORY", "200ms"), Map.entry("BRIDGE_P21_POLL_SHIPMENTS", "200ms"),
                Map.entry("BRIDGE_P21_POLL_ORDERS", "200ms"), Map.entry("BRIDGE_P21_POLL_INVOICES", "200ms"),
                Map.entry("BRIDGE_P21_POLL_RECEIPTS", "200ms"),
                Map.entry("BRIDGE_P21_POLL_CUSTOMERS", "200ms"), Map.entry("BRIDGE_P21_POLL_ITEMS", "200ms"),
                Map.entry("BRIDGE_P21_POLL_PAGE_SIZE", "50"), Map.entry("BRIDGE_P21_INITIAL_LOAD", "none")));
        kafka = KafkaConfig.from(env);
        config = P21PollerConfig.from(env);
        try (Admin admin = Admin.create(ClientProperties.admin(kafka))) {
            new TopicInitializer(admin, (short) 1, 1).createMissing(Topics.all(), Duration.ofSeconds(30));
        }
        registry = new SimpleMeterRegistry();
        poller = new P21ChangePoller(config, kafka, registry).start();
        raw = new RawP21Topic(testKafka.bootstrapServers());
    }

    @AfterAll
    static void tearDown() {
        if (poller != null) {
            poller.close();
        }
        if (raw != null) {
            raw.close();
        }
        if (p21 != null) {
            p21.close();
        }
    }

    @Test
    void shouldWriteAStockChangeWithinAnIntervalKeyedByItemWithTheFourHeadersAndTheRowAsP21ReturnedIt()
            throws Exception {
        ObjectNode row = stock("HX-4410", 10, "12.5000");
        long before = System.currentTimeMillis();
        Instant modified = p21.change("inv_loc", row);
        String eventId = "inv_loc:HX-4410/10:" + modified;

        ConsumerRecord<String, byte[]> record = raw.await(
                r -> eventId.equals(header(r, "event-id")), 1, Duration.ofSeconds(5)).get(0);

        assertThat(record.key()).isEqualTo("HX-4410");
        assertThat(header(record, "event-type")).isEqualTo("inventory.changed");
        assertThat(header(record, "source")).isEqualTo("p21");
        assertThat(Long.parseLong(header(record, "received-at"))).isBetween(before, System.currentTimeMillis());
        JsonNode value = StubP21.JSON.readTree(record.value());
        assertThat(value).isEqualTo(row);
        assertThat(new String(record.value(), StandardCharsets.UTF_8)).contains("\"qty_on_hand\":12.5000");
    }

    @Test
    void shouldWriteEachOfAThousandChangesOnceAcrossManyPages() {
        List<String> eventIds = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            for (int location : new int[] {10, 20}) {
                String item = String.format("BULK-%03d", i);
                eventIds.add("inv_loc:" + item + "/" + location + ":"
                        + p21.change("inv_loc", stock(item, location, Integer.toString(i))));
            }
        }

        raw.await(r -> header(r, "event-id").startsWith("inv_loc:BULK-"), 1_000, ARRIVAL);
        awaitPolls("inv_loc", 2);

        Map<String, Long> written = countByEventId(raw.all(), "inv_loc:BULK-");
        assertThat(written.keySet()).containsExactlyInAnyOrderElementsOf(eventIds);
        assertThat(written.values()).as("each change written once").containsOnly(1L);
    }

    @Test
    void shouldWriteAShipmentWithItsDetailsAndTheOrdersWebReference() throws Exception {
        p21.change("oe_hdr", StubP21.JSON.createObjectNode().put("order_no", "1001").put("customer_id", 100100)
                .put("web_reference_no", "xcart:10452").put("po_no", "PO-1").put("completed", "N")
                .put("cancel_flag", "N"));
        ObjectNode ticket = StubP21.JSON.createObjectNode().put("pick_ticket_no", 5001).put("order_no", "1001")
                .put("carrier_id", "UPS").put("tracking_no", "1Z999AA10123456784");
        List<ObjectNode> details = List.of(
                StubP21.JSON.createObjectNode().put("pick_ticket_no", 5001).put("oe_line_no", 1)
                        .put("item_id", "HX-4410").put("ship_quantity", new BigDecimal("2.0000")),
                StubP21.JSON.createObjectNode().put("pick_ticket_no", 5001).put("oe_line_no", 2)
                        .put("item_id", "HX-5520").put("ship_quantity", new BigDecimal("1.0000")));
        Instant shipped = p21.ship(ticket, details);

        ConsumerRecord<String, byte[]> record = raw.await(
                r -> ("oe_pick_ticket:5001:" + shipped).equals(header(r, "event-id")), 1, ARRIVAL).get(0);

        assertThat(record.key()).isEqualTo("5001");
        assertThat(header(record, "event-type")).isEqualTo("shipment.created");
        JsonNode value = StubP21.JSON.readTree(record.value());
        assertThat(value.get("pick_ticket")).isEqualTo(ticket);
        assertThat(value.get("details")).hasSize(2);
        assertThat(value.get("details").get(1).get("item_id").asText()).isEqualTo("HX-5520");
        assertThat(value.get("order").get("web_reference_no").asText()).isEqualTo("xcart:10452");
        assertThat(value.get("order").get("order_no").asText()).isEqualTo("1001");
        assertThat(value.get("order").get("customer_id").asLong()).isEqualTo(100100);
        assertThat(value.get("order").has("po_no")).isFalse();
        assertThat(value.get("order").get("completed").asText()).isEqualTo("N");
    }

    @Test
    void shouldWriteAnOrderHeaderChangeKeyedByOrderWithOnlyItsStatusColumns() throws Exception {
        Instant cancelled = p21.change("oe_hdr", StubP21.JSON.createObjectNode().put("order_no", "1002")
                .put("customer_id", 100100).put("web_reference_no", "clarity:SO-9").put("ship2_name", "Ada Lovelace")
                .put("completed", "N").put("cancel_flag", "Y"));

        ConsumerRecord<String, byte[]> record = raw.await(
                r -> ("oe_hdr:1002:" + cancelled).equals(header(r, "event-id")), 1, ARRIVAL).get(0);

        assertThat(record.key()).isEqualTo("1002");
        assertThat(header(record, "event-type")).isEqualTo("order.changed");
        JsonNode value = StubP21.JSON.readTree(record.value());
        assertThat(value.get("cancel_flag").asText()).isEqualTo("Y");
        assertThat(value.get("web_reference_no").asText()).isEqualTo("clarity:SO-9");
        assertThat(value.has("ship2_name")).as("no addresses on raw.p21 for a status").isFalse();
    }

    @Test
    void shouldWriteAnInvoiceWithItsOrdersWebReferenceAndRmaFlagAndAReceiptAsP21ReturnedIt() throws Exception {
        p21.change("oe_hdr", StubP21.JSON.createObjectNode().put("order_no", "1003").put("customer_id", 100100)
                .put("web_reference_no", "xcart:10460").put("completed", "Y").put("cancel_flag", "N")
                .put("rma_flag", "N"));
        Instant invoiced = p21.change("invoice_hdr", StubP21.JSON.createObjectNode().put("invoice_no", "900001")
                .put("order_no", "1003").put("total_amount", new BigDecimal("413.2200"))
                .put("invoice_adjustment_type", "I").put("paid_in_full_flag", "N"));
        Instant orphan = p21.change("invoice_hdr", StubP21.JSON.createObjectNode().put("invoice_no", "900002")
                .put("order_no", "4711").put("total_amount", new BigDecimal("10.0000"))
                .put("invoice_adjustment_type", "I"));
        Instant received = p21.change("ar_receipts", StubP21.JSON.createObjectNode().put("receipt_no", "70001")
                .put("order_no", "1003").put("check_no", "90412").put("description", "xcart:10460")
                .put("receipt_amount", new BigDecimal("413.2200")).put("delete_flag", "N"));

        ConsumerRecord<String, byte[]> invoice = raw.await(
                r -> ("invoice_hdr:900001:" + invoiced).equals(header(r, "event-id")), 1, ARRIVAL).get(0);
        ConsumerRecord<String, byte[]> unknown = raw.await(
                r -> ("invoice_hdr:900002:" + orphan).equals(header(r, "event-id")), 1, ARRIVAL).get(0);
        ConsumerRecord<String, byte[]> receipt = raw.await(
                r -> ("ar_receipts:70001:" + received).equals(header(r, "event-id")), 1, ARRIVAL).get(0);

        assertThat(invoice.key()).isEqualTo("1003");
        assertThat(header(invoice, "event-type")).isEqualTo("invoice.changed");
        JsonNode value = StubP21.JSON.readTree(invoice.value());
        assertThat(value.get("web_reference_no").asText()).isEqualTo("xcart:10460");
        assertThat(value.get("rma_flag").asText()).isEqualTo("N");
        assertThat(value.get("total_amount").decimalValue()).isEqualByComparingTo("413.22");
        assertThat(StubP21.JSON.readTree(unknown.value()).get("web_reference_no").isNull())
                .as("an invoice of an order oe_hdr does not have is written without a reference").isTrue();
        assertThat(header(receipt, "event-type")).isEqualTo("receipt.changed");
        assertThat(StubP21.JSON.readTree(receipt.value()).get("check_no").asText()).isEqualTo("90412");
    }

    @Test
    void shouldWriteCustomerAndItemChangesKeyedByTheirIds() {
        Instant customerChanged = p21.change("customer", StubP21.JSON.createObjectNode().put("customer_id", 100200)
                .put("customer_name", "Ada Lovelace").put("email_address", "ada@example.com"));
        Instant itemChanged = p21.change("inv_mast", item("NEW-ITEM"));

        ConsumerRecord<String, byte[]> customer = raw.await(
                r -> ("customer:100200:" + customerChanged).equals(header(r, "event-id")), 1, ARRIVAL).get(0);
        ConsumerRecord<String, byte[]> item = raw.await(
                r -> ("inv_mast:NEW-ITEM:" + itemChanged).equals(header(r, "event-id")), 1, ARRIVAL).get(0);

        assertThat(customer.key()).isEqualTo("100200");
        assertThat(header(customer, "event-type")).isEqualTo("customer.changed");
        assertThat(item.key()).isEqualTo("NEW-ITEM");
        assertThat(header(item, "event-type")).isEqualTo("item.changed");
    }

    @Test
    @Order(1)
    void shouldNotSendP21sHistoryOnTheFirstStart() {
        awaitPolls("inv_loc", 2);
        awaitPolls("inv_mast", 2);

        assertThat(raw.all()).noneMatch(r -> r.key().startsWith("HIST-"));
    }

    @Test
    void shouldResumeFromTheStoredWatermarkAfterARestartWithoutMissingOrRepeating() {
        List<String> before = changeStock("BEFORE-", 10);
        raw.await(r -> header(r, "event-id").startsWith("inv_loc:BEFORE-"), 10, ARRIVAL);
        poller.close();

        List<String> whileDown = changeStock("DOWN-", 10);
        List<ILoggingEvent> startWarnings = warningsOf("org.apache.kafka.clients.consumer.internals.OffsetFetcherUtils",
                () -> poller = new P21ChangePoller(config, kafka, registry).start());

        raw.await(r -> header(r, "event-id").startsWith("inv_loc:DOWN-"), 10, ARRIVAL);
        awaitPolls("inv_loc", 2);
        List<ConsumerRecord<String, byte[]>> all = raw.all();
        Map<String, Long> beforeWritten = countByEventId(all, "inv_loc:BEFORE-");
        Map<String, Long> downWritten = countByEventId(all, "inv_loc:DOWN-");
        assertThat(beforeWritten.keySet()).containsExactlyInAnyOrderElementsOf(before);
        assertThat(downWritten.keySet()).containsExactlyInAnyOrderElementsOf(whileDown);
        assertThat(beforeWritten.values()).as("nothing written before the restart again").containsOnly(1L);
        assertThat(downWritten.values()).containsOnly(1L);
        assertThat(startWarnings).as("the start's scan of raw.p21 asks only about partitions it is assigned")
                .extracting(ILoggingEvent::getFormattedMessage).isEmpty();
    }

    private static List<ILoggingEvent> warningsOf(String loggerName, Runnable action) {
        Logger logger = (Logger) LoggerFactory.getLogger(loggerName);
        Level configured = logger.getLevel();
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        logger.setLevel(Level.WARN); // logback-test.xml keeps Kafka's loggers at ERROR
        try {
            action.run();
        } finally {
            logger.setLevel(configured);
            logger.detachAppender(appender);
        }
        return appender.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN)).toList();
    }

    @Test
    void shouldLoseNothingWhileP21Answers503() {
        double failures = counter("p21.poller.failures", "inv_loc").count();
        p21.failWith(503);
        List<String> changed;
        try {
            changed = changeStock("OUTAGE-", 20);
            awaitCounter("p21.poller.failures", "inv_loc", failures + 2);
        } finally {
            p21.heal();
        }

        raw.await(r -> header(r, "event-id").startsWith("inv_loc:OUTAGE-"), 20, ARRIVAL);
        awaitPolls("inv_loc", 2);

        Map<String, Long> written = countByEventId(raw.all(), "inv_loc:OUTAGE-");
        assertThat(written.keySet()).containsExactlyInAnyOrderElementsOf(changed);
        assertThat(written.values()).containsOnly(1L);
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void shouldLoadATablesHistoryWhenAnOperatorSetsItsWatermarkToTheEpoch() throws Exception {
        poller.close();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                ClientProperties.durableProducer(kafka, "operator"))) {
            producer.send(new ProducerRecord<>(Topics.P21_WATERMARKS.name(), "inv_mast",
                    "{\"lastModified\": \"1970-01-01T00:00:00Z\"}".getBytes(StandardCharsets.UTF_8)))
                    .get(10, TimeUnit.SECONDS);
        }
        poller = new P21ChangePoller(config, kafka, registry).start();

        List<ConsumerRecord<String, byte[]>> history = raw.await(
                r -> r.key().startsWith("HIST-ITEM-"), 2, ARRIVAL);

        assertThat(history).extracting(ConsumerRecord::key).containsExactlyInAnyOrder("HIST-ITEM-1", "HIST-ITEM-2");
    }

    private static List<String> changeStock(String prefix, int count) {
        List<String> eventIds = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String item = prefix + i;
            eventIds.add("inv_loc:" + item + "/10:" + p21.change("inv_loc", stock(item, 10, "5")));
        }
        return eventIds;
    }

    private static Map<String, Long> countByEventId(List<ConsumerRecord<String, byte[]>> records, String prefix) {
        return records.stream().map(r -> header(r, "event-id")).filter(id -> id.startsWith(prefix))
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    /** Waits for {@code more} polls of {@code table} to end well: each re-read the whole overlap window. */
    private static void awaitPolls(String table, int more) {
        awaitCounter("p21.poller.polls", table, counter("p21.poller.polls", table).count() + more);
    }

    private static void awaitCounter(String name, String table, double atLeast) {
        Await.until(name + "{table=" + table + "} reaching " + atLeast, ARRIVAL,
                () -> counter(name, table).count() >= atLeast);
    }

    private static Counter counter(String name, String table) {
        return registry.counter(name, "table", table);
    }

    private static ObjectNode stock(String itemId, int location, String qtyOnHand) {
        return StubP21.JSON.createObjectNode().put("inv_mast_uid", 1).put("item_id", itemId)
                .put("location_id", location).put("qty_on_hand", new BigDecimal(qtyOnHand))
                .put("qty_allocated", new BigDecimal("0.0000")).put("qty_backordered", new BigDecimal("0.0000"));
    }

    private static ObjectNode item(String itemId) {
        return StubP21.JSON.createObjectNode().put("inv_mast_uid", 2).put("item_id", itemId)
                .put("item_desc", "Item " + itemId).put("list_price", new BigDecimal("19.9900"));
    }
}
