package dev.p21bridge.simulators.xcart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.p21bridge.simulators.storefront.CheckoutRequest;
import dev.p21bridge.simulators.storefront.RecordingWebhookReceiver;
import dev.p21bridge.simulators.storefront.SimHttp;
import dev.p21bridge.simulators.storefront.StorefrontJson;
import dev.p21bridge.simulators.storefront.StorefrontSimulatorConfig;
import dev.p21bridge.testing.Await;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Profiles of customers who ordered, changed through the address route, each change announced by webhook. */
class XCartProfileApiTest {

    private static final String SECRET = "xcart-dev-secret";
    private static final String[] TOKEN = {"X-Auth-Token", "xcart-dev-token"};

    @Test
    void shouldChangeTheBillingAddressOnceAndAnnounceItWithASignedCustomerUpdated() throws Exception {
        try (RecordingWebhookReceiver receiver = new RecordingWebhookReceiver(SECRET);
             XCartSimulator xcart = new XCartSimulator(StorefrontSimulatorConfig.xcartDefaults().withPort(0)
                     .withWebhookUrl(receiver.url("xcart")).withWebhookSecret(SECRET).withRedeliveryRate(0))) {
            xcart.start();
            String orderId = xcart.checkout(CheckoutRequest.of(1).withRates(0.0, 0)).get(0);
            String email = xcart.state().order(orderId).orElseThrow().customer().email();
            SimHttp http = new SimHttp(xcart.url());

            JsonNode profiles = http.get("/api/profiles?login=" + encode(email.toUpperCase()), TOKEN).json();
            assertThat(profiles).hasSize(1);
            long profileId = profiles.get(0).path("id").asLong();
            JsonNode billing = http.get("/api/profiles/" + profileId + "/addresses", TOKEN).json().get(0);
            assertThat(billing.path("is_billing").asBoolean()).isTrue();
            assertThat(http.get("/api/profiles?login=nobody%40example.com", TOKEN).json()).isEmpty();
            assertThat(http.get("/api/profiles/" + profileId, new String[0]).status()).isEqualTo(401);

            SimHttp.Answer put = http.call("PUT", "/api/profiles/" + profileId + "/addresses/" + billing.path("id").asLong(),
                    "{\"street\": \"77 Riverside Dr Dock 2\", \"city\": \"Denver\", \"state_name\": \"co\","
                            + " \"zipcode\": \"80216\", \"country_code\": \"US\"}", TOKEN);
            assertThat(put.status()).isEqualTo(200);
            assertThat(put.json().path("street").asText()).isEqualTo("77 Riverside Dr Dock 2");
            SimHttp.Answer abroad = http.call("PUT", "/api/profiles/" + profileId + "/addresses/"
                    + billing.path("id").asLong(), "{\"country_code\": \"CA\"}", TOKEN);
            assertThat(abroad.status()).isEqualTo(400);

            JsonNode customer = awaitDelivered(http, email);
            assertThat(customer.path("updates").asLong()).isEqualTo(1);
            assertThat(customer.path("billing_address").path("state").asText()).isEqualTo("CO");
            JsonNode update = receiver.deliveries().stream().filter(d -> d.event().equals("customer.updated"))
                    .map(d -> read(d.body())).findFirst().orElseThrow();
            assertThat(receiver.deliveries()).allMatch(RecordingWebhookReceiver.Delivery::signatureValid);
            assertThat(update.path("profile_id").asLong()).isEqualTo(profileId);
            assertThat(update.path("updated").asLong()).isPositive();
            assertThat(update.path("addresses").get(0).path("street").asText()).isEqualTo("77 Riverside Dr Dock 2");
        }
    }

    private static JsonNode awaitDelivered(SimHttp http, String email) throws InterruptedException {
        Await.until("the webhook of " + email + " delivered", Duration.ofSeconds(10), () -> http
                .get("/sim/customers/" + encode(email)).json().path("webhooks").path("delivered").asInt() == 1);
        return http.get("/sim/customers/" + encode(email)).json();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text.strip(), StandardCharsets.UTF_8);
    }

    private static JsonNode read(byte[] body) {
        try {
            return StorefrontJson.mapper().readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
