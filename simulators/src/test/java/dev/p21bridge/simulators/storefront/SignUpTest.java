package dev.p21bridge.simulators.storefront;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.p21bridge.simulators.clarity.ClaritySimulator;
import dev.p21bridge.simulators.xcart.XCartSimulator;
import java.io.IOException;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code POST /sim/customers} on both storefronts, and a checkout by the customer signed up. */
class SignUpTest {

    private static final String BODY = """
            {"email": "Ada.Signup@Example.com", "first_name": "Ada", "last_name": "Lovelace", "phone": "512-555-0100",
             "address": {"line1": "12 Analytical Way", "line2": "Ste 5", "city": "Austin", "state": "TX",
                         "zip": "78701"}}""";

    static Stream<Arguments> storefronts() {
        return Stream.of(
                Arguments.of("xcart", "xcart-dev-secret", (Function<java.net.URI, StorefrontSimulator>) url ->
                        new XCartSimulator(StorefrontSimulatorConfig.xcartDefaults().withPort(0).withWebhookUrl(url)),
                        "email"),
                Arguments.of("clarity", "clarity-dev-secret", (Function<java.net.URI, StorefrontSimulator>) url ->
                        new ClaritySimulator(StorefrontSimulatorConfig.clarityDefaults().withPort(0).withWebhookUrl(url)),
                        "email"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("storefronts")
    void shouldSignACustomerUpOnceAndAnnounceItInTheSampleShape(String source, String secret,
                                                                 Function<java.net.URI, StorefrontSimulator> factory,
                                                                 String emailField) throws IOException {
        try (RecordingWebhookReceiver receiver = new RecordingWebhookReceiver(secret);
             StorefrontSimulator sim = factory.apply(receiver.url(source)).start()) {
            SimHttp http = new SimHttp(sim.url());

            SimHttp.Answer created = http.call("POST", "/sim/customers", BODY);
            SimHttp.Answer again = http.call("POST", "/sim/customers", BODY);
            SimHttp.Answer invalid = http.call("POST", "/sim/customers", "{\"email\": \"x@example.com\", \"address\": {\"line1\": \"1 Main St\", \"city\": \"Austin\"}}");

            assertThat(created.status()).isEqualTo(201);
            assertThat(created.json().path("webhooks").path("delivered").asInt()).isEqualTo(1);
            assertThat(again.status()).isEqualTo(409);
            assertThat(invalid.status()).isEqualTo(400);
            assertThat(invalid.json().path("error").asText()).contains("first_name");
            List<JsonNode> announced = bodies(receiver, "customer.created");
            assertThat(announced).hasSize(1);
            JsonShape.assertSameShape(JsonShape.sample(source + "/customer.created.json"), announced.get(0), "sign-up");
            assertThat(announced.get(0).path(emailField).asText().strip()).isEqualTo("Ada.Signup@Example.com");
            assertThat(sim.customer("ada.signup@example.com")).get()
                    .extracting(StorefrontCustomer::firstName, StorefrontCustomer::updates)
                    .containsExactly("Ada", 0L);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("storefronts")
    void shouldPlaceACheckoutByTheSignedUpCustomerWithoutAnnouncingThemAgain(
            String source, String secret, Function<java.net.URI, StorefrontSimulator> factory, String emailField)
            throws IOException {
        try (RecordingWebhookReceiver receiver = new RecordingWebhookReceiver(secret);
             StorefrontSimulator sim = factory.apply(receiver.url(source)).start()) {
            SimHttp http = new SimHttp(sim.url());
            http.call("POST", "/sim/customers", BODY);

            SimHttp.Answer checkout = http.call("POST", "/sim/checkout",
                    "{\"count\": 2, \"redeliveryRate\": 0, \"email\": \"ada.signup@example.com\"}");
            SimHttp.Answer unknown = http.call("POST", "/sim/checkout",
                    "{\"count\": 1, \"email\": \"nobody@example.com\"}");

            assertThat(checkout.status()).isEqualTo(200);
            assertThat(checkout.json().path("orders")).hasSize(2);
            assertThat(unknown.status()).isEqualTo(404);
            assertThat(bodies(receiver, "customer.created")).hasSize(1);
            List<JsonNode> orders = bodies(receiver, "order.created");
            assertThat(orders).hasSize(2).allSatisfy(order ->
                    assertThat(order.toString().toLowerCase()).contains("ada.signup@example.com"));
        }
    }

    private static List<JsonNode> bodies(RecordingWebhookReceiver receiver, String event) {
        return receiver.deliveries().stream().filter(d -> d.event().equals(event)).map(d -> {
            try {
                return StorefrontJson.mapper().readTree(d.body());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }
}
