package dev.p21bridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.p21bridge.platform.topics.Topics;
import dev.p21bridge.schemas.Customer;
import dev.p21bridge.schemas.Source;
import dev.p21bridge.schemas.serde.ConfluentAvroDeserializer;
import dev.p21bridge.schemas.serde.SchemaRegistryClient;
import dev.p21bridge.simulators.p21.P21Order;
import dev.p21bridge.simulators.storefront.CheckoutRequest;
import dev.p21bridge.testing.Await;
import dev.p21bridge.testing.KafkaBrokerExtension;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 4, end to end on the embedded broker: a customer's address changed in P21 reaches the storefront once, the
 * storefront's {@code customer.updated} webhook about that write is delivered and accepted, and it does not travel
 * back: no storefront-sourced canonical customer, no second storefront write, no change to P21.
 */
@Tag("integration")
@ExtendWith(KafkaBrokerExtension.class)
class CustomerEchoIntegrationTest {

    @RegisterExtension
    static final RunningBridge bridge = RunningBridge.withSettings(Map.of("BRIDGE_P21_POLL_CUSTOMERS", "1s"));

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TRANSFORMER_GROUP = "p21-bridge-transformer";

    @Test
    void shouldBringAP21AddressChangeToTheStorefrontOnceAndNotBack() throws Exception {
        Instant started = Instant.now();
        String orderId = bridge.system().xcart().checkout(CheckoutRequest.of(1).withRates(0.0, 0)).get(0);
        String email = bridge.system().xcart().state().order(orderId).orElseThrow().customer().email();
        P21Order order = awaitP21Order("xcart:" + orderId);
        String customerId = Long.toString(order.customerId());
        awaitFirstSyncOfANewP21Customer(customerId, email, started);

        JsonNode before = storefrontCustomer(email);
        JsonNode p21After = post(bridge.system().p21().url() + "/sim/customers", """
                {"customer_id": "%s", "phys_address1": "77 Riverside Dr", "phys_address2": "Dock 2",
                 "phys_city": "Denver", "phys_state": "CO", "phys_postal_code": "80216", "phys_country": "US"}"""
                .formatted(customerId));

        Await.until(Duration.ofSeconds(30), () -> storefrontCustomer(email).path("billing_address").path("line1")
                .asText().equals("77 Riverside Dr Dock 2"), () -> "X-Cart shows " + storefrontCustomer(email));
        JsonNode after = storefrontCustomer(email);
        assertThat(after.path("billing_address").path("city").asText()).isEqualTo("Denver");
        assertThat(after.path("billing_address").path("state").asText()).isEqualTo("CO");
        assertThat(after.path("billing_address").path("zip").asText()).isEqualTo("80216");
        assertThat(after.path("updates").asLong()).isEqualTo(before.path("updates").asLong() + 1);

        // the storefront announces the bridge's write like any other change; the ingress accepts it
        Await.until(Duration.ofSeconds(30), () -> storefrontCustomer(email).path("webhooks").path("pending").asInt() == 0
                && storefrontCustomer(email).path("webhooks").path("delivered").asInt()
                        == before.path("webhooks").path("delivered").asInt() + 1,
                () -> "webhooks " + storefrontCustomer(email).path("webhooks"));
        assertThat(storefrontCustomer(email).path("webhooks").path("failed").asInt())
                .isEqualTo(before.path("webhooks").path("failed").asInt());

        // wait until the transformer has demonstrably processed the echo before asserting what it did not emit
        ConsumerRecord<String, byte[]> echo = awaitRawRecord(Topics.RAW_XCART.name(), "customer.updated");
        awaitCommitted(TRANSFORMER_GROUP, new TopicPartition(echo.topic(), echo.partition()), echo.offset());

        List<Customer> customers = canonicalCustomers(email);
        assertThat(customers).filteredOn(c -> c.getSource() == Source.P21)
                .extracting(c -> c.getBillingAddress().getLine1()).endsWith("77 Riverside Dr");
        assertThat(customers).filteredOn(c -> c.getSource() != Source.P21)
                .noneMatch(c -> c.getBillingAddress() != null && c.getBillingAddress().getLine1().startsWith("77 Riverside"));
        assertThat(storefrontCustomer(email).path("updates").asLong()).isEqualTo(after.path("updates").asLong());
        JsonNode p21Now = p21Customer(customerId);
        assertThat(p21Now.path("date_last_modified").asText()).isEqualTo(p21After.path("date_last_modified").asText());
        assertThat(p21Now.path("phys_address1").asText()).isEqualTo("77 Riverside Dr");
    }

    /**
     * A customer the p21-sink created for the order is polled as it was created, and again after each later change
     * (the customer path may complete it after the create); the sink's read-then-write of the latest polled version
     * must be finished before the test counts writes, or that write would be counted as the address change's.
     */
    private static void awaitFirstSyncOfANewP21Customer(String customerId, String email, Instant started)
            throws Exception {
        if (Instant.parse(p21Customer(customerId).path("date_created").asText()).isBefore(started)) {
            return;
        }
        List<ConsumerRecord<String, byte[]>> latest = new ArrayList<>();
        Await.until(Duration.ofSeconds(30), () -> {
            Instant modified = Instant.parse(p21Customer(customerId).path("date_last_modified").asText());
            latest.clear();
            readAll(Topics.CANONICAL_CUSTOMERS.name()).stream()
                    .filter(r -> email.strip().equalsIgnoreCase(r.key()))
                    .filter(r -> customer(r).getSource() == Source.P21)
                    .filter(r -> !customer(r).getChangedAt().isBefore(modified)).findFirst().ifPresent(latest::add);
            return !latest.isEmpty();
        }, () -> "the latest version of the P21 customer created for the order has not reached canonical.customers");
        ConsumerRecord<String, byte[]> record = latest.get(0);
        awaitCommitted("storefront-sink", new TopicPartition(record.topic(), record.partition()), record.offset());
    }

    private static ConsumerRecord<String, byte[]> awaitRawRecord(String topic, String eventType) throws Exception {
        List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
        Await.until(Duration.ofSeconds(30), () -> {
            readAll(topic).stream().filter(r -> eventType.equals(header(r, "event-type"))).reduce((a, b) -> b)
                    .ifPresent(found::add);
            return !found.isEmpty();
        });
        return found.get(found.size() - 1);
    }

    private static void awaitCommitted(String group, TopicPartition partition, long offset) throws Exception {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bridge.system().kafkaBootstrap());
        try (Admin admin = Admin.create(props)) {
            Await.until(Duration.ofSeconds(30), () -> {
                try {
                    OffsetAndMetadata committed = admin.listConsumerGroupOffsets(group)
                            .partitionsToOffsetAndMetadata().get().get(partition);
                    return committed != null && committed.offset() > offset;
                } catch (Exception e) {
                    return false;
                }
            }, () -> group + " has not committed past " + partition + "@" + offset);
        }
    }

    private static List<Customer> canonicalCustomers(String email) {
        return readAll(Topics.CANONICAL_CUSTOMERS.name()).stream()
                .filter(r -> email.strip().equalsIgnoreCase(r.key()))
                .map(CustomerEchoIntegrationTest::customer).toList();
    }

    private static Customer customer(ConsumerRecord<String, byte[]> record) {
        try (ConfluentAvroDeserializer<Customer> avro = new ConfluentAvroDeserializer<>(
                new SchemaRegistryClient(bridge.system().registry().url()), Customer.class)) {
            return avro.deserialize(record.topic(), record.headers(), record.value());
        }
    }

    /** Every record of the topic up to its current end. */
    private static List<ConsumerRecord<String, byte[]>> readAll(String topic) {
        return TopicReader.readToEnd(bridge.system().kafkaBootstrap(), topic, Duration.ofSeconds(10));
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static JsonNode storefrontCustomer(String email) {
        return get(bridge.system().xcart().url() + "/sim/customers/"
                + URLEncoder.encode(email.strip(), StandardCharsets.UTF_8));
    }

    private static JsonNode p21Customer(String customerId) {
        for (JsonNode customer : get(bridge.system().p21().url() + "/sim/customers")) {
            if (customer.path("customer_id").asText().equals(customerId)) {
                return customer;
            }
        }
        throw new AssertionError("P21 has no customer " + customerId);
    }

    private static P21Order awaitP21Order(String reference) throws InterruptedException {
        Await.until(Duration.ofSeconds(30), () -> bridge.system().p21().orders().stream()
                .anyMatch(o -> o.webReferenceNo().equals(reference)));
        return bridge.system().p21().orders().stream().filter(o -> o.webReferenceNo().equals(reference))
                .findFirst().orElseThrow();
    }

    private static JsonNode post(String url, String body) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
        return JSON.readTree(response.body());
    }

    private static JsonNode get(String url) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(url + " " + response.body()).isEqualTo(200);
            return JSON.readTree(response.body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
