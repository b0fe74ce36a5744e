package dev.p21bridge.transformer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.p21bridge.platform.topics.Topics;
import dev.p21bridge.registry.EmbeddedSchemaRegistry;
import dev.p21bridge.schemas.Customer;
import dev.p21bridge.schemas.Source;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A storefront reporting back what the bridge wrote from P21 is an echo; anything else is a change. */
class CustomerEchoTopologyTest {

    private static final Instant POLLED = Instant.parse("2026-11-22T17:03:12.500Z");
    private static final String EMAIL = "dana.whitfield@example.com";
    private static EmbeddedSchemaRegistry registry;

    @TempDir
    Path stateDir;

    private TransformerDriver bridge;
    private TestInputTopic<String, byte[]> clarity;

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
        bridge = new TransformerDriver(registry.url(), stateDir, Map.of(), POLLED);
        clarity = bridge.driver.createInputTopic(Topics.RAW_CLARITY.name(), Serdes.String().serializer(),
                Serdes.ByteArray().serializer());
    }

    @AfterEach
    void tearDown() {
        bridge.close();
    }

    @Test
    void shouldDropAnXCartCustomerUpdateThatShowsWhatTheBridgeWroteFromP21() {
        p21Customer("4410 Industrial Oaks Blvd", "Dock 4", "(512) 555-0142", "2026-11-22T16:59:00Z");
        assertThat(bridge.customers.readValue().getSource()).isEqualTo(Source.P21);

        // X-Cart keeps one street field; the bridge wrote both lines into it
        xcartUpdate("4410 Industrial Oaks Blvd Dock 4", "(512) 555-0142", "x-echo-1");

        assertThat(bridge.customers.isEmpty()).isTrue();
        assertThat(bridge.metric("customer-echoes-dropped-total")).isEqualTo(1.0);
    }

    @Test
    void shouldDropAClarityEchoEvenWhenItSplitsTheFullNameDifferently() {
        p21Customer("4410 Industrial Oaks Blvd", null, "(512) 555-0142", "2026-11-22T16:59:00Z");
        bridge.customers.readValue();

        clarityUpdate("Dana Whitfield", "4410 Industrial Oaks Blvd", "(512) 555-0142", "c-echo-1");

        assertThat(bridge.customers.isEmpty()).isTrue();
    }

    @Test
    void shouldPassAStorefrontChangeThatDiffersFromWhatTheBridgeWrote() {
        p21Customer("4410 Industrial Oaks Blvd", null, "(512) 555-0142", "2026-11-22T16:59:00Z");
        bridge.customers.readValue();

        xcartUpdate("77 Riverside Dr", "(512) 555-0142", "x-change-1");

        TestRecord<String, Customer> change = bridge.customers.readRecord();
        assertThat(change.key()).isEqualTo(EMAIL);
        assertThat(change.value().getSource()).isEqualTo(Source.XCART);
        assertThat(change.value().getBillingAddress().getLine1()).isEqualTo("77 Riverside Dr");
        assertThat(bridge.customers.isEmpty()).isTrue();
    }

    @Test
    void shouldPassAStorefrontChangeOfACustomerP21NeverSent() {
        xcartUpdate("4410 Industrial Oaks Blvd", "(512) 555-0142", "x-new-1");

        assertThat(bridge.customers.readValue().getSource()).isEqualTo(Source.XCART);
    }

    @Test
    void shouldCompareWithTheLatestP21ContentNotAnOlderOne() {
        p21Customer("4410 Industrial Oaks Blvd", null, "(512) 555-0142", "2026-11-22T16:59:00Z");
        p21Customer("77 Riverside Dr", null, "(512) 555-0142", "2026-11-22T17:01:00Z");
        assertThat(bridge.customers.readValuesToList()).hasSize(2);

        // the storefront still shows the old address: that is not what the bridge wrote last
        xcartUpdate("4410 Industrial Oaks Blvd", "(512) 555-0142", "x-stale-1");
        xcartUpdate("77 Riverside Dr", "(512) 555-0142", "x-echo-2");

        assertThat(bridge.customers.readValuesToList()).extracting(c -> c.getBillingAddress().getLine1())
                .containsExactly("4410 Industrial Oaks Blvd");
    }

    private void p21Customer(String line1, String line2, String phone, String modified) {
        bridge.p21("customer.changed", "customer:100233:" + modified, "100233", """
                {"customer_id": 100233, "customer_name": "Whitfield Mechanical LLC", "email_address": "Dana.Whitfield@Example.com",
                 "first_name": "Dana", "last_name": "Whitfield", "phys_address1": "%s", "phys_address2": %s,
                 "phys_city": "Austin", "phys_state": "TX", "phys_postal_code": "78735", "phys_country": "USA",
                 "central_phone_number": "%s", "date_last_modified": "%s"}""".formatted(line1,
                line2 == null ? "null" : "\"" + line2 + "\"", phone, modified), POLLED);
    }

    private void xcartUpdate(String street, String phone, String eventId) {
        String body = """
                {"profile_id": 3310, "login": "dana.whitfield@example.com", "email": "Dana.Whitfield@Example.com",
                 "firstname": "Dana", "lastname": "Whitfield", "added": 1763647391, "status": "E",
                 "addresses": [{"address_id": 901, "is_billing": true, "is_shipping": true, "firstname": "Dana",
                   "lastname": "Whitfield", "company": "Whitfield Mechanical LLC", "street": "%s", "city": "Austin",
                   "state": "tx", "zipcode": "78735", "country": "US", "phone": "%s"}]}""".formatted(street, phone);
        bridge.xcart.pipeInput(new TestRecord<>("3310", body.getBytes(StandardCharsets.UTF_8),
                headers("xcart", eventId), POLLED));
    }

    private void clarityUpdate(String fullName, String line1, String phone, String eventId) {
        String body = """
                {"customerId": "C-55012", "fullName": "%s", "email": "dana.whitfield@example.com", "phone": "%s",
                 "company": "Whitfield Mechanical LLC",
                 "billingAddress": {"name": "%s", "line1": "%s", "line2": null, "city": "Austin", "regionCode": "TX",
                   "postalCode": "78735", "countryCode": "USA"},
                 "shippingAddress": {"name": "Receiving", "line1": "9 Other Rd", "line2": null, "city": "Austin",
                   "regionCode": "TX", "postalCode": "78735", "countryCode": "USA"}}""".formatted(fullName, phone,
                fullName, line1);
        clarity.pipeInput(new TestRecord<>("C-55012", body.getBytes(StandardCharsets.UTF_8),
                headers("clarity", eventId), POLLED));
    }

    private static RecordHeaders headers(String source, String eventId) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("event-type", "customer.updated".getBytes(StandardCharsets.UTF_8));
        headers.add("event-id", eventId.getBytes(StandardCharsets.UTF_8));
        headers.add("source", source.getBytes(StandardCharsets.UTF_8));
        headers.add("received-at", Long.toString(POLLED.toEpochMilli()).getBytes(StandardCharsets.UTF_8));
        return headers;
    }
}
