package dev.p21bridge.transformer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.p21bridge.platform.dlq.DeadLetterHeaders;
import dev.p21bridge.registry.EmbeddedSchemaRegistry;
import dev.p21bridge.schemas.Address;
import dev.p21bridge.schemas.ChangeType;
import dev.p21bridge.schemas.Customer;
import dev.p21bridge.schemas.Product;
import dev.p21bridge.schemas.OrderStatus;
import dev.p21bridge.schemas.OrderStatusCode;
import dev.p21bridge.schemas.OrderStatusLine;
import dev.p21bridge.schemas.Shipment;
import dev.p21bridge.schemas.ShipmentLine;
import dev.p21bridge.schemas.Source;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class P21TopologyTest {

    private static final Instant POLLED = Instant.parse("2026-11-22T17:03:12.500Z");
    private static EmbeddedSchemaRegistry registry;

    @TempDir
    Path stateDir;

    private TransformerDriver p21;

    @BeforeAll
    static void startRegistry() {
        registry = EmbeddedSchemaRegistry.inMemory(0).start();
    }

    @AfterAll
    static void stopRegistry() {
        registry.close();
    }

    @BeforeEach
    void setUp() {
        p21 = new TransformerDriver(registry.url(), stateDir, Map.of(), POLLED);
    }

    @AfterEach
    void tearDown() {
        p21.close();
    }

    @Test
    void shouldMapAnItemMasterRowToAProductKeyedBySku() {
        p21.p21("item.changed", "inv_mast:hx-4410:2026-11-22T17:03:11.123Z", "hx-4410", """
                {"inv_mast_uid": 1001, "item_id": "hx-4410", "item_desc": "Hex bolt 3/8 x 4, zinc", "list_price": 24.95,
                 "delete_flag": "N", "date_last_modified": "2026-11-22T17:03:11.123Z", "row_status_flag": 704}""", POLLED);

        TestRecord<String, Product> record = p21.products.readRecord();
        assertThat(record.key()).isEqualTo("HX-4410");
        Product product = record.value();
        assertThat(product.getSku()).isEqualTo("HX-4410");
        assertThat(product.getP21ItemId()).isEqualTo("hx-4410");
        assertThat(product.getSource()).isEqualTo(Source.P21);
        assertThat(product.getSourceEventId()).isEqualTo("inv_mast:hx-4410:2026-11-22T17:03:11.123Z");
        assertThat(product.getEventTime()).isEqualTo(POLLED);
        assertThat(product.getChangedAt()).isEqualTo(Instant.parse("2026-11-22T17:03:11.123Z"));
        assertThat(product.getDescription()).isEqualTo("Hex bolt 3/8 x 4, zinc");
        assertThat(product.getPrice()).isEqualTo(new BigDecimal("24.9500"));
        assertThat(product.getCurrency()).isEqualTo("USD");
        assertThat(p21.products.isEmpty()).isTrue();
    }

    @Test
    void shouldPublishAnItemUnderEveryStorefrontSkuTheCrossReferenceMapsToIt() {
        p21.xref.pipeInput("HX-4410", "HX4410-P21");
        p21.xref.pipeInput("hx4410", "HX4410-P21");
        p21.advance(StorefrontSkus.REFRESH);

        p21.p21("item.changed", "inv_mast:HX4410-P21:1", "HX4410-P21", """
                {"item_id": "HX4410-P21", "list_price": 25, "date_last_modified": "2026-11-22T17:03:11Z"}""", POLLED);

        assertThat(p21.products.readRecordsToList()).extracting(TestRecord::key).containsExactly("HX-4410", "HX4410");
    }

    @Test
    void shouldMapACustomerRowWithItsPhysicalAddressAndMarkItAsComingFromP21() {
        p21.p21("customer.changed", "customer:100233:2026-11-22T16:59:00Z", "100233", """
                {"customer_id": 100233, "customer_name": "Whitfield Mechanical LLC", "email_address": " Dana.Whitfield@Example.com",
                 "first_name": "Dana", "last_name": "Whitfield", "phys_address1": "1200 N Lamar Blvd", "phys_address2": "Ste 300",
                 "phys_city": "Austin", "phys_state": "tx", "phys_postal_code": "78703", "phys_country": "USA",
                 "central_phone_number": "512-555-0142", "date_last_modified": "2026-11-22T16:59:00Z"}""", POLLED);

        TestRecord<String, Customer> record = p21.customers.readRecord();
        assertThat(record.key()).isEqualTo("dana.whitfield@example.com");
        Customer customer = record.value();
        assertThat(customer.getEmail()).isEqualTo("dana.whitfield@example.com");
        assertThat(customer.getSource()).isEqualTo(Source.P21);
        assertThat(customer.getSourceEventId()).isEqualTo("customer:100233:2026-11-22T16:59:00Z");
        assertThat(customer.getChangeType()).isEqualTo(ChangeType.UPDATED);
        assertThat(customer.getEventTime()).isEqualTo(POLLED);
        assertThat(customer.getSourceCustomerId()).isEqualTo("100233");
        assertThat(customer.getP21CustomerId()).isEqualTo("100233");
        assertThat(customer.getFirstName()).isEqualTo("Dana");
        assertThat(customer.getLastName()).isEqualTo("Whitfield");
        assertThat(customer.getCompany()).isEqualTo("Whitfield Mechanical LLC");
        assertThat(customer.getPhone()).isEqualTo("512-555-0142");
        assertThat(customer.getChangedAt()).isEqualTo(Instant.parse("2026-11-22T16:59:00Z"));
        assertThat(customer.getOrigin()).isEqualTo("p21");
        assertThat(customer.getShippingAddress()).isNull();
        assertThat(customer.getBillingAddress()).isEqualTo(Address.newBuilder()
                .setName("Dana Whitfield").setCompany("Whitfield Mechanical LLC").setLine1("1200 N Lamar Blvd")
                .setLine2("Ste 300").setCity("Austin").setRegionCode("TX").setPostalCode("78703").setCountryCode("US")
                .setPhone("512-555-0142").build());
    }

    @Test
    void shouldNotTakeAPersonsNameForACompany() {
        p21.p21("customer.changed", "customer:7:1", "7", """
                {"customer_id": 7, "customer_name": "Dana Whitfield", "email_address": "dana@example.com",
                 "first_name": "Dana", "last_name": "Whitfield", "date_last_modified": "2026-11-22T16:59:00Z"}""", POLLED);

        Customer customer = p21.customers.readValue();
        assertThat(customer.getCompany()).isNull();
        assertThat(customer.getBillingAddress()).isNull();
    }

    @Test
    void shouldSkipAndCountACustomerWithoutAnEmailAddress() {
        p21.p21("customer.changed", "customer:8:1", "8", """
                {"customer_id": 8, "customer_name": "Walk-in", "date_last_modified": "2026-11-22T16:59:00Z"}""", POLLED);

        assertThat(p21.customers.isEmpty()).isTrue();
        assertThat(p21.deadLetters.isEmpty()).isTrue();
        assertThat(p21.metric("p21-customers-skipped-total")).isEqualTo(1.0);
    }

    @Test
    void shouldMapAPickTicketOfAStorefrontOrderToAShipmentKeyedByTheOrderKey() {
        p21.p21("shipment.created", "oe_pick_ticket:5001:2026-11-22T18:00:00Z", "5001", """
                {"pick_ticket": {"pick_ticket_no": 5001, "order_no": "1000123", "carrier_id": "UPS", "tracking_no": "1Z999AA10123456784",
                                 "ship_date": "2026-11-22T17:45:00Z", "printed_flag": "Y", "date_last_modified": "2026-11-22T18:00:00Z"},
                 "details": [{"pick_ticket_no": 5001, "oe_line_no": 1, "item_id": "hx-4410", "ship_quantity": 8, "qty_shipped": 8},
                             {"pick_ticket_no": 5001, "oe_line_no": 2, "item_id": "WSH-0375-Z", "ship_quantity": 2.5}],
                 "order": {"order_no": "1000123", "web_reference_no": "xcart:20001", "customer_id": 100233}}""", POLLED);

        TestRecord<String, Shipment> record = p21.shipments.readRecord();
        assertThat(record.key()).isEqualTo("xcart:20001");
        Shipment shipment = record.value();
        assertThat(shipment.getOrderKey()).isEqualTo("xcart:20001");
        assertThat(shipment.getSource()).isEqualTo(Source.XCART);
        assertThat(shipment.getOrderId()).isEqualTo("20001");
        assertThat(shipment.getSourceEventId()).isEqualTo("oe_pick_ticket:5001:2026-11-22T18:00:00Z");
        assertThat(shipment.getEventTime()).isEqualTo(POLLED);
        assertThat(shipment.getP21OrderNo()).isEqualTo("1000123");
        assertThat(shipment.getPickTicketNo()).isEqualTo("5001");
        assertThat(shipment.getCarrier()).isEqualTo("UPS");
        assertThat(shipment.getTrackingNumbers()).containsExactly("1Z999AA10123456784");
        assertThat(shipment.getShippedAt()).isEqualTo(Instant.parse("2026-11-22T17:45:00Z"));
        assertThat(shipment.getLines()).containsExactly(
                new ShipmentLine("hx-4410", "HX-4410", new BigDecimal("8.0000")),
                new ShipmentLine("WSH-0375-Z", "WSH-0375-Z", new BigDecimal("2.5000")));
    }

    @Test
    void shouldSayPartlyShippedForATicketThatLeavesTheOrderOpenAndShippedForTheLast() {
        p21.p21("shipment.created", "oe_pick_ticket:5001:1", "5001", ticket(5001, "N", 3), POLLED);
        p21.p21("shipment.created", "oe_pick_ticket:5002:1", "5002", ticket(5002, "Y", 5), POLLED);

        List<TestRecord<String, OrderStatus>> statuses = p21.statuses.readRecordsToList();
        assertThat(statuses).extracting(TestRecord::key).containsExactly("xcart:20001", "xcart:20001");
        OrderStatus partly = statuses.get(0).value();
        assertThat(partly.getStatus()).isEqualTo(OrderStatusCode.PARTLY_SHIPPED);
        assertThat(partly.getP21OrderNo()).isEqualTo("1000123");
        assertThat(partly.getPickTicketNo()).isEqualTo("5001");
        assertThat(partly.getLines()).containsExactly(new OrderStatusLine("hx-4410", "HX-4410", new BigDecimal("3.0000")));
        assertThat(partly.getChangedAt()).as("the ticket's ship date").isEqualTo(Instant.parse("2026-11-22T17:45:00Z"));
        assertThat(statuses.get(1).value().getStatus()).isEqualTo(OrderStatusCode.SHIPPED);
        List<Shipment> shipments = p21.shipments.readValuesToList();
        assertThat(shipments).extracting(Shipment::getOrderComplete).containsExactly(false, true);
    }

    @Test
    void shouldSayNothingOfStatusForATicketPolledWithoutItsOrdersCompletedFlag() {
        p21.p21("shipment.created", "oe_pick_ticket:5001:1", "5001", ticket(5001, null, 3), POLLED);

        assertThat(p21.shipments.readValue().getOrderComplete()).isNull();
        assertThat(p21.statuses.isEmpty()).isTrue();
    }

    @Test
    void shouldMapAnOrderHeaderToAcceptedOrCancelled() {
        p21.p21("order.changed", "oe_hdr:1000123:1", "1000123", header("clarity:CL-9", "N", "N"), POLLED);
        p21.p21("order.changed", "oe_hdr:1000123:2", "1000123", header("clarity:CL-9", "N", "Y"), POLLED);
        p21.p21("order.changed", "oe_hdr:1000124:1", "1000124", header("PO-7781", "N", "Y"), POLLED);
        p21.p21("order.changed", "oe_hdr:1000125:1", "1000125", header("xcart:5", "Y", "N"), POLLED);

        List<TestRecord<String, OrderStatus>> statuses = p21.statuses.readRecordsToList();
        assertThat(statuses).extracting(TestRecord::key).containsExactly("clarity:CL-9", "clarity:CL-9");
        assertThat(statuses).extracting(r -> r.value().getStatus())
                .containsExactly(OrderStatusCode.ACCEPTED, OrderStatusCode.CANCELLED);
        OrderStatus cancelled = statuses.get(1).value();
        assertThat(cancelled.getSource()).isEqualTo(Source.CLARITY);
        assertThat(cancelled.getOrderId()).isEqualTo("CL-9");
        assertThat(cancelled.getP21OrderNo()).isEqualTo("1000123");
        assertThat(cancelled.getP21Status()).isEqualTo("oe_hdr.cancel_flag=Y");
        assertThat(cancelled.getSourceEventId()).isEqualTo("oe_hdr:1000123:2");
        assertThat(cancelled.getLines()).isEmpty();
        assertThat(p21.deadLetters.isEmpty()).isTrue();
    }

    @Test
    void shouldDeadLetterAnOrderHeaderWhoseFlagsTheMappingDoesNotKnow() {
        p21.p21("order.changed", "oe_hdr:1000123:1", "1000123", header("xcart:5", "N", "X"), POLLED);

        assertThat(p21.statuses.isEmpty()).isTrue();
        TestRecord<String, byte[]> dead = p21.deadLetters.readRecord();
        assertThat(new String(dead.headers().lastHeader("dlq.error.class").value(), StandardCharsets.UTF_8))
                .isEqualTo("mapping");
        assertThat(new String(dead.headers().lastHeader("dlq.error.message").value(), StandardCharsets.UTF_8))
                .contains("cancel_flag").contains("'X'").contains("oe_hdr 1000125");
    }

    private static String header(String reference, String completed, String cancelFlag) {
        return """
                {"order_no": "%s", "web_reference_no": "%s", "customer_id": 100233, "completed": "%s",
                 "cancel_flag": "%s", "delete_flag": "N", "date_created": "2026-11-22T17:00:00Z",
                 "date_last_modified": "2026-11-22T18:00:00Z"}""".formatted(
                reference.startsWith("clarity") ? "1000123" : reference.startsWith("PO") ? "1000124" : "1000125",
                reference, completed, cancelFlag);
    }

    private static String ticket(int pickTicketNo, String completed, int quantity) {
        return """
                {"pick_ticket": {"pick_ticket_no": %d, "order_no": "1000123", "tracking_no": "T%d",
                                 "ship_date": "2026-11-22T17:45:00Z", "date_last_modified": "2026-11-22T18:00:00Z"},
                 "details": [{"pick_ticket_no": %d, "oe_line_no": 1, "item_id": "hx-4410", "ship_quantity": %d}],
                 "order": {"order_no": "1000123", "web_reference_no": "xcart:20001", "customer_id": 100233%s}}"""
                .formatted(pickTicketNo, pickTicketNo, pickTicketNo, quantity,
                        completed == null ? "" : ", \"completed\": \"" + completed + "\", \"cancel_flag\": \"N\"");
    }

    @Test
    void shouldTakeTheTicketsChangeTimeWhenItHasNoShipDate() {
        p21.p21("shipment.created", "oe_pick_ticket:5002:1", "5002", """
                {"pick_ticket": {"pick_ticket_no": 5002, "carrier_id": null, "tracking_no": null, "ship_date": null,
                                 "date_last_modified": "2026-11-22T18:00:00Z"},
                 "details": [], "order": {"order_no": 1000124, "web_reference_no": "clarity:CL-2026-000981"}}""", POLLED);

        Shipment shipment = p21.shipments.readValue();
        assertThat(shipment.getOrderKey()).isEqualTo("clarity:CL-2026-000981");
        assertThat(shipment.getSource()).isEqualTo(Source.CLARITY);
        assertThat(shipment.getP21OrderNo()).isEqualTo("1000124");
        assertThat(shipment.getCarrier()).isNull();
        assertThat(shipment.getTrackingNumbers()).isEmpty();
        assertThat(shipment.getShippedAt()).isEqualTo(Instant.parse("2026-11-22T18:00:00Z"));
    }

    @Test
    void shouldSkipAndCountPickTicketsOfOrdersNoStorefrontPlaced() {
        for (String reference : List.of("", "\"PO-7781\"", "null", "\"amazon:112-334\"")) {
            p21.p21("shipment.created", "oe_pick_ticket:6000:" + reference, "6000", """
                    {"pick_ticket": {"pick_ticket_no": 6000, "date_last_modified": "2026-11-22T18:00:00Z"}, "details": [],
                     "order": {"order_no": "1000200" %s}}""".formatted(reference.isEmpty() ? "" : ", \"web_reference_no\": " + reference),
                    POLLED);
        }

        assertThat(p21.shipments.isEmpty()).isTrue();
        assertThat(p21.deadLetters.isEmpty()).isTrue();
        assertThat(p21.metric("p21-shipments-skipped-total")).isEqualTo(4.0);
    }

    @Test
    void shouldDropARowPolledTwice() {
        for (int i = 0; i < 2; i++) {
            p21.p21("item.changed", "inv_mast:A:2026-11-22T17:03:11Z", "A", """
                    {"item_id": "A", "list_price": 1, "date_last_modified": "2026-11-22T17:03:11Z"}""", POLLED);
        }

        assertThat(p21.products.readRecordsToList()).hasSize(1);
    }

    @Test
    void shouldDeadLetterBrokenP21RowsWithTheContractHeaders() {
        Map<String, String> broken = new java.util.LinkedHashMap<>();
        broken.put("item.changed|{\"item_id\": \"A\", \"list_price\": 1,",
                "mapping|body is not JSON");
        broken.put("item.changed|{\"item_id\": \"A\", \"date_last_modified\": \"2026-11-22T17:03:11Z\"}",
                "validation|list_price is required, got nothing");
        broken.put("item.changed|{\"item_id\": \"A\", \"list_price\": 1.23456, \"date_last_modified\": \"2026-11-22T17:03:11Z\"}",
                "validation|list_price has more than 4 decimals: 1.23456");
        broken.put("inventory.changed|{\"item_id\": \"A\", \"location_id\": 10, \"qty_on_hand\": \"lots\", \"qty_allocated\": 0,"
                        + " \"date_last_modified\": \"2026-11-22T17:03:11Z\"}",
                "mapping|qty_on_hand is not a number: 'lots'");
        broken.put("inventory.changed|{\"item_id\": \"A\", \"location_id\": 10, \"qty_on_hand\": 1, \"qty_allocated\": 0,"
                        + " \"date_last_modified\": \"22/11/2026\"}",
                "mapping|date_last_modified is not an ISO-8601 date-time with offset: '22/11/2026'");
        broken.put("customer.changed|{\"customer_id\": 9, \"email_address\": \"x@example.com\", \"phys_address1\": \"1 Main St\","
                        + " \"phys_city\": \"Austin\", \"phys_country\": \"Texas\", \"date_last_modified\": \"2026-11-22T17:03:11Z\"}",
                "mapping|phys_country is not an ISO 3166 country code or name: 'Texas'");
        broken.put("customer.changed|{\"customer_id\": 9, \"email_address\": \"not-an-address\", \"date_last_modified\": \"2026-11-22T17:03:11Z\"}",
                "validation|email_address is not a well-formed e-mail address (14 characters, no @)");
        broken.put("shipment.created|{\"pick_ticket\": {\"order_no\": \"1\", \"date_last_modified\": \"2026-11-22T17:03:11Z\"},"
                        + " \"order\": {\"order_no\": \"1\", \"web_reference_no\": \"xcart:1\"}}",
                "validation|pick_ticket.pick_ticket_no is required, got nothing");
        broken.put("shipment.created|{\"order\": {\"web_reference_no\": \"xcart:1\"}}",
                "validation|pick_ticket is required and must be an object, got nothing");
        broken.put("order.changed|{\"order_no\": \"1\", \"web_reference_no\": \"xcart:1\", \"cancel_flag\": \"maybe\"}",
                "mapping|oe_hdr 1 has cancel_flag 'maybe', which the order-status mapping does not know");
        broken.put("invoice.created|{\"invoice_no\": \"1\"}",
                "mapping|event-type invoice.created is not mapped to a canonical topic by this version of the transformer;"
                        + " replay it after an upgrade");
        int offset = 0;
        for (Map.Entry<String, String> entry : broken.entrySet()) {
            String[] input = entry.getKey().split("\\|", 2);
            p21.p21(input[0], "bad-" + offset, "A", input[1], POLLED);
            TestRecord<String, byte[]> letter = p21.deadLetters.readRecord();
            String[] expected = entry.getValue().split("\\|", 2);
            assertThat(header(letter, DeadLetterHeaders.ERROR_CLASS)).isEqualTo(expected[0]);
            assertThat(header(letter, DeadLetterHeaders.ERROR_MESSAGE)).startsWith(expected[1]);
            assertThat(header(letter, DeadLetterHeaders.ORIGINAL_TOPIC)).isEqualTo("raw.p21");
            assertThat(header(letter, DeadLetterHeaders.ORIGINAL_OFFSET)).isEqualTo(Integer.toString(offset));
            assertThat(header(letter, DeadLetterHeaders.SERVICE)).isEqualTo("transformer");
            assertThat(header(letter, "event-id")).isEqualTo("bad-" + offset);
            assertThat(letter.key()).isEqualTo("A");
            assertThat(new String(letter.value(), StandardCharsets.UTF_8)).isEqualTo(input[1]);
            offset++;
        }
        assertThat(p21.products.isEmpty()).isTrue();
        assertThat(p21.customers.isEmpty()).isTrue();
        assertThat(p21.shipments.isEmpty()).isTrue();
        assertThat(p21.inventory.isEmpty()).isTrue();
    }

    @Test
    void aPolledQuantityWithAGiantExponentIsAValidationDeadLetterAndTheNextRowIsMapped() {
        p21.p21("inventory.changed", "inv_loc:A/10:1", "A", """
                {"item_id": "A", "location_id": 10, "qty_on_hand": 1e1000000000, "qty_allocated": 0,
                 "date_last_modified": "2026-11-22T17:03:11Z"}""", POLLED);
        p21.p21("item.changed", "inv_mast:A:1", "A", """
                {"item_id": "A", "list_price": 1e-1000000000, "date_last_modified": "2026-11-22T17:03:11Z"}""", POLLED);
        p21.p21("item.changed", "inv_mast:A:2", "A", """
                {"item_id": "A", "list_price": 2, "date_last_modified": "2026-11-22T17:03:11Z"}""", POLLED);

        List<TestRecord<String, byte[]>> letters = p21.deadLetters.readRecordsToList();
        assertThat(letters).extracting(letter -> header(letter, DeadLetterHeaders.ERROR_CLASS) + "|"
                + header(letter, DeadLetterHeaders.ERROR_MESSAGE)).containsExactly(
                "validation|qty_on_hand does not fit decimal(18,4): 1E+1000000000 has more than 14 digits before the point",
                "validation|list_price has more than 4 decimals: 1E-1000000000");
        assertThat(p21.products.readValuesToList()).extracting(Product::getPrice).containsExactly(new BigDecimal("2.0000"));
    }

    /** Jackson keeps 1.0023E5 as 1.0023E+5, which was another customer id than 100230. */
    @Test
    void aP21CustomerIdWrittenWithAnExponentIsTheSameCustomer() {
        p21.p21("customer.changed", "customer:100230:1", "100230", """
                {"customer_id": 1.0023E5, "email_address": "dana@example.com", "date_last_modified": "2026-11-22T16:59:00Z"}""",
                POLLED);

        assertThat(p21.customers.readValue().getP21CustomerId()).isEqualTo("100230");
    }

    private static String header(TestRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
