package dev.p21bridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.p21bridge.platform.topics.Topics;
import dev.p21bridge.schemas.Customer;
import dev.p21bridge.schemas.Source;
import dev.p21bridge.schemas.serde.ConfluentAvroDeserializer;
import dev.p21bridge.schemas.serde.SchemaRegistryClient;
import dev.p21bridge.testing.Await;
import dev.p21bridge.testing.KafkaBrokerExtension;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 4, customers in: 200 sign-ups across X-Cart and Clarity, 50 of whom order right after signing up (their
 * {@code customer.created} and {@code order.created} reach the bridge together), give exactly 200 P21 customers, one
 * per e-mail, every order on its buyer's customer, and no write back to the storefronts: the P21 customers the
 * bridge created are polled as P21 changes and must find the storefronts already showing them.
 */
@Tag("integration")
@ExtendWith(KafkaBrokerExtension.class)
class CustomerSignUpIntegrationTest {

    @RegisterExtension
    static final RunningBridge bridge = RunningBridge.withSettings(Map.of("BRIDGE_P21_POLL_CUSTOMERS", "1s"));

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SIGN_UPS = 200;
    private static final int ORDERING = 50;

    @Test
    void shouldGiveEverySignUpOneP21CustomerWithoutEchoingItToTheStore() throws Exception {
        Map<String, URI> storeOf = new HashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<String>> orders = java.util.Collections.synchronizedList(new ArrayList<>());
        try {
            List<Future<?>> signUps = new ArrayList<>();
            for (int i = 0; i < SIGN_UPS; i++) {
                int n = i;
                URI store = n % 2 == 0 ? bridge.system().xcart().url() : bridge.system().clarity().url();
                String email = String.format(Locale.ROOT, "Buyer.%03d@SignUp.example", n);
                storeOf.put(email.toLowerCase(Locale.ROOT), store);
                signUps.add(pool.submit(() -> {
                    JsonNode signedUp = post(store + "/sim/customers", signUpBody(n, email), 201);
                    assertThat(signedUp.path("webhooks").path("failed").asInt()).isZero();
                    if (n % (SIGN_UPS / ORDERING) == 0) {
                        JsonNode placed = post(store + "/sim/checkout", """
                                {"count": 1, "redeliveryRate": 0, "lines": {"min": 1, "max": 3}, "email": "%s"}"""
                                .formatted(email), 200);
                        assertThat(placed.path("orders")).hasSize(1);
                        String source = store.equals(bridge.system().xcart().url()) ? "xcart" : "clarity";
                        orders.add(java.util.concurrent.CompletableFuture.completedFuture(
                                source + ":" + placed.path("orders").get(0).asText() + " " + email));
                    }
                    return null;
                }));
            }
            for (Future<?> signUp : signUps) {
                signUp.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdown();
        }
        assertThat(orders).hasSize(ORDERING);

        Set<String> emails = storeOf.keySet();
        Await.until("a P21 customer for each of the " + SIGN_UPS + " sign-ups", Duration.ofSeconds(60),
                () -> p21CustomersByEmail(emails).size() == SIGN_UPS,
                () -> p21CustomersByEmail(emails).size() + " e-mails have a P21 customer");
        Map<String, List<String>> byEmail = p21CustomersByEmail(emails);
        assertThat(byEmail).hasSize(SIGN_UPS);
        assertThat(byEmail.values()).allSatisfy(ids -> assertThat(ids).as("P21 customer ids of one e-mail").hasSize(1));

        // every order of a signed-up buyer is on that buyer's one customer
        Await.until("the " + ORDERING + " orders in P21", Duration.ofSeconds(60), () -> orders.stream()
                .allMatch(o -> p21CustomerOfOrder(reference(o)) != null));
        for (Future<String> order : orders) {
            String email = order.get().split(" ")[1].toLowerCase(Locale.ROOT);
            assertThat(p21CustomerOfOrder(reference(order))).isEqualTo(byEmail.get(email).get(0));
        }

        // the customers the bridge created come back from P21's poll; the storefront-sink must find them current
        Await.until("the storefront-sink caught up with canonical.customers", Duration.ofSeconds(60),
                CustomerSignUpIntegrationTest::storefrontSinkCaughtUp, () -> lastSeen);
        for (Map.Entry<String, URI> entry : storeOf.entrySet()) {
            JsonNode customer = get(entry.getValue() + "/sim/customers/"
                    + URLEncoder.encode(entry.getKey(), StandardCharsets.UTF_8));
            assertThat(customer.path("updates").asLong()).as("storefront writes to %s", entry.getKey()).isZero();
        }
    }

    private static String signUpBody(int n, String email) {
        String company = n % 3 == 0 ? "\"company\": \"Signup Supply " + n + "\"," : "";
        return """
                {"email": "%s", "first_name": "Zoë", "last_name": "Núñez %d", %s "phone": "(512) 555-%04d",
                 "address": {"line1": "%d Industrial Oaks Blvd", "line2": %s, "city": "Austin", "state": "TX",
                             "zip": "78735"}}"""
                .formatted(email, n, company, n, 100 + n, n % 4 == 0 ? "\"Ste " + n + "\"" : "null");
    }

    private static String reference(Future<String> order) {
        try {
            return order.get().split(" ")[0];
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** P21's customer ids by lower-cased e-mail, for the given e-mails only. */
    private static Map<String, List<String>> p21CustomersByEmail(Set<String> emails) {
        Map<String, List<String>> byEmail = new HashMap<>();
        for (JsonNode customer : get(bridge.system().p21().url() + "/sim/customers")) {
            String email = customer.path("email_address").asText("").toLowerCase(Locale.ROOT);
            if (emails.contains(email)) {
                byEmail.computeIfAbsent(email, e -> new ArrayList<>()).add(customer.path("customer_id").asText());
            }
        }
        return byEmail;
    }

    private static String p21CustomerOfOrder(String webReference) {
        return bridge.system().p21().orders().stream().filter(o -> o.webReferenceNo().equals(webReference))
                .map(o -> Long.toString(o.customerId())).findFirst().orElse(null);
    }

    /** What the catch-up check last saw, for its failure message. */
    private static volatile String lastSeen = "nothing yet";

    /**
     * The storefront-sink has committed every canonical.customers record there is, after the P21 customers of all
     * sign-ups were polled onto it (source P21): so every write it would make has been made.
     */
    private static boolean storefrontSinkCaughtUp() throws Exception {
        Set<String> polled = new java.util.HashSet<>();
        // past the last record of each partition: a transactional producer's commit marker takes an offset too
        Map<Integer, Long> pastLast = new HashMap<>();
        try (var avro = new ConfluentAvroDeserializer<>(new SchemaRegistryClient(bridge.system().registry().url()),
                Customer.class)) {
            for (var record : TopicReader.readToEnd(bridge.system().kafkaBootstrap(),
                    Topics.CANONICAL_CUSTOMERS.name(), Duration.ofSeconds(10))) {
                pastLast.merge(record.partition(), record.offset() + 1, Math::max);
                if (record.key() != null && record.key().endsWith("@signup.example")
                        && avro.deserialize(record.topic(), record.headers(), record.value()).getSource() == Source.P21) {
                    polled.add(record.key());
                }
            }
        }
        lastSeen = polled.size() + " sign-ups polled back from P21";
        if (polled.size() < SIGN_UPS) {
            return false;
        }
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bridge.system().kafkaBootstrap());
        try (Admin admin = Admin.create(props)) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets("storefront-sink")
                    .partitionsToOffsetAndMetadata().get();
            lastSeen += "; storefront-sink committed " + committed + ", records end at " + pastLast;
            return pastLast.entrySet().stream().allMatch(e -> {
                OffsetAndMetadata done = committed.get(new TopicPartition(Topics.CANONICAL_CUSTOMERS.name(), e.getKey()));
                return done != null && done.offset() >= e.getValue();
            });
        }
    }

    private static JsonNode post(String url, String body, int status) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(url + " " + response.body()).isEqualTo(status);
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
