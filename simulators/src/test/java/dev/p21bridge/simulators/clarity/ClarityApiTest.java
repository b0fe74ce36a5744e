package dev.p21bridge.simulators.clarity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.p21bridge.simulators.storefront.CheckoutRequest;
import dev.p21bridge.simulators.storefront.SimHttp.Answer;
import dev.p21bridge.simulators.storefront.SimHttp;
import dev.p21bridge.simulators.storefront.StorefrontJson;
import dev.p21bridge.simulators.storefront.StorefrontSimulatorConfig;
import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ClarityApiTest {

    private static final String[] AUTH = {"Authorization", "Bearer clarity-dev-token"};
    private static final String ORDERS = "/API-Storefront/Ordering/SalesOrder/";
    private static ClaritySimulator clarity;
    private static SimHttp http;

    @BeforeAll
    static void start() {
        clarity = new ClaritySimulator(StorefrontSimulatorConfig.clarityDefaults().withPort(0).withWebhookUrl(null))
                .start();
        http = new SimHttp(clarity.url());
    }

    @AfterAll
    static void stop() {
        clarity.close();
    }

    @BeforeEach
    void reset() {
        assertThat(http.call("POST", "/sim/reset", "{}").status()).isEqualTo(200);
    }

    @Test
    void shouldRefuseEveryApiCallWithoutTheBearerToken() {
        String id = clarity.checkout(CheckoutRequest.of(1)).get(0);

        Answer answer = http.get(ORDERS + id);

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.json().path("ActionSucceeded").asBoolean(true)).isFalse();
        assertThat(answer.json().path("Messages")).isNotEmpty();
        assertThat(http.call("PATCH", ORDERS + "Ship/" + id, null, "Authorization", "Bearer nope").status())
                .isEqualTo(401);
        assertThat(clarity.order(id).orElseThrow().status()).isEqualTo("Pending");
    }

    @Test
    void shouldAnswerFailedEnvelopesWith404ForUnknownOrdersSkusAndOperations() {
        String id = clarity.checkout(CheckoutRequest.of(1)).get(0);

        for (Answer answer : new Answer[] {
            http.get(ORDERS + "CL-2026-999999", AUTH),
            http.call("PATCH", ORDERS + "Ship/CL-2026-999999", null, AUTH),
            http.call("PATCH", ORDERS + "Teleport/" + id, null, AUTH),
            http.get("/API-Storefront/Products/Product/BySKU/NOPE", AUTH),
            http.call("PATCH", "/API-Storefront/Inventory/Product/BySKU/NOPE", "{\"QuantityAvailable\":1}", AUTH),
        }) {
            assertThat(answer.status()).isEqualTo(404);
            assertThat(answer.json().path("ActionSucceeded").asBoolean(true)).isFalse();
            assertThat(answer.json().path("Messages")).hasSize(1);
        }
    }

    @Test
    void shouldServeAPlacedOrderInTheEnvelope() {
        String id = clarity.checkout(CheckoutRequest.of(1)).get(0);

        Answer answer = http.get(ORDERS + id, AUTH);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().path("ActionSucceeded").asBoolean()).isTrue();
        assertThat(answer.json().path("Result").path("orderId").asText()).isEqualTo(id);
        assertThat(answer.json().path("Result").path("status").asText()).isEqualTo("Pending");
    }

    @Test
    void shouldShowShippedWithTrackingNumbersKeptOnceInSimOrders() {
        String id = clarity.checkout(CheckoutRequest.of(1)).get(0);

        assertThat(http.call("PATCH", ORDERS + "Confirm/" + id, null, AUTH).json().path("Result").path("status")
                .asText()).isEqualTo("Confirmed");
        assertThat(http.get("/sim/orders/" + id).json().path("status").asText()).isEqualTo("Confirmed");
        Answer shipped = http.call("PATCH", ORDERS + "Ship/" + id,
                "{\"TrackingNumbers\":[\"1Z999AA10123456784\",\"1Z999AA10123456785\"],\"Carrier\":\"UPS\"}", AUTH);
        http.call("PATCH", ORDERS + "Ship/" + id, "{\"TrackingNumbers\":[\"1Z999AA10123456784\"],\"Carrier\":\"UPS\"}",
                AUTH);

        assertThat(shipped.status()).isEqualTo(200);
        assertThat(shipped.json().path("ActionSucceeded").asBoolean()).isTrue();
        assertThat(((com.fasterxml.jackson.databind.node.ObjectNode) http.get("/sim/orders/" + id).json())
                .retain("id", "status", "tracking_numbers", "cancelled")).isEqualTo(json("{\"id\":\"" + id + "\",\"status\":\"Shipped\","
                + "\"tracking_numbers\":[\"1Z999AA10123456784\",\"1Z999AA10123456785\"],\"cancelled\":false}"));
        assertThat(http.get("/sim/calls").json().path("perOrder").path(id).asInt()).isEqualTo(3);
    }

    @Test
    void shouldSetEachDocumentedStatusName() {
        String id = clarity.checkout(CheckoutRequest.of(1)).get(0);
        String[][] steps = {{"Hold", "On Hold"}, {"Backorder", "Backordered"}, {"Pending", "Pending"},
            {"CreatePickTicket", "Processing"}, {"Ship", "Shipped"}, {"Complete", "Completed"}, {"Void", "Voided"}};

        for (String[] step : steps) {
            assertThat(http.call("PATCH", ORDERS + step[0] + "/" + id, null, AUTH).status()).isEqualTo(200);
            assertThat(clarity.order(id).orElseThrow().status()).isEqualTo(step[1]);
        }
        Answer afterVoid = http.call("PATCH", ORDERS + "Confirm/" + id, null, AUTH);
        assertThat(afterVoid.status()).isEqualTo(400);
        assertThat(afterVoid.json().path("ActionSucceeded").asBoolean(true)).isFalse();
    }

    @Test
    void shouldShowStockAndPriceUpdatesInSimProducts() {
        Answer stock = http.call("PATCH", "/API-Storefront/Inventory/Product/BySKU/hx-4410",
                "{\"QuantityAvailable\":17}", AUTH);
        Answer price = http.call("PATCH", "/API-Storefront/Pricing/Product/BySKU/HX-4410", "{\"Price\":\"12.34\"}", AUTH);

        assertThat(stock.json().path("Result").path("QuantityAvailable").asInt()).isEqualTo(17);
        assertThat(price.json().path("Result").path("Price").asText()).isEqualTo("12.34");
        assertThat(http.get("/API-Storefront/Products/Product/BySKU/HX-4410", AUTH).json().path("Result"))
                .isEqualTo(json("{\"ID\":1,\"SKU\":\"HX-4410\",\"Name\":\"Hex bolt 3/8 x 2 in, zinc, box of 100\","
                        + "\"Price\":\"12.34\",\"QuantityAvailable\":17,\"IsActive\":true}"));
        assertThat(http.get("/sim/products/HX-4410").json())
                .isEqualTo(json("{\"sku\":\"HX-4410\",\"amount\":17,\"price\":\"12.34\"}"));
        assertThat(http.get("/sim/calls").json().path("perSku").path("HX-4410").asInt()).isEqualTo(2);
        assertThat(http.call("PATCH", "/API-Storefront/Inventory/Product/BySKU/HX-4410", "{\"QuantityAvailable\":-3}",
                AUTH).status()).isEqualTo(400);
        assertThat(http.call("PATCH", "/API-Storefront/Pricing/Product/BySKU/HX-4410", "{\"Price\":\"cheap\"}",
                AUTH).status()).isEqualTo(400);
    }

    @Test
    void shouldKeepADescriptionWrittenThroughTheApiAndShowItInSimProducts() {
        Answer described = http.call("PATCH", "/API-Storefront/Catalog/Product/BySKU/hx-4410",
                "{\"Description\":\"Grade 5, zinc plated\"}", AUTH);

        assertThat(described.status()).isEqualTo(200);
        assertThat(described.json().path("ActionSucceeded").asBoolean()).isTrue();
        assertThat(http.get("/sim/products/HX-4410").json().path("description").asText()).isEqualTo("Grade 5, zinc plated");
        assertThat(http.call("PATCH", "/API-Storefront/Catalog/Product/BySKU/HX-4410", "{\"Description\":1}", AUTH)
                .status()).isEqualTo(400);
        assertThat(http.call("PATCH", "/API-Storefront/Catalog/Product/BySKU/NOPE-1", "{\"Description\":\"x\"}", AUTH)
                .status()).isEqualTo(404);
    }

    @Test
    void shouldInjectFaultsAsFailedEnvelopesButNeverIntoSim() {
        http.call("POST", "/sim/faults", "{\"errorRate\":1.0,\"statuses\":[500]}");

        Answer faulted = http.get("/API-Storefront/Products/Product/BySKU/HX-4410", AUTH);

        assertThat(faulted.status()).isEqualTo(500);
        assertThat(faulted.json().path("ActionSucceeded").asBoolean(true)).isFalse();
        assertThat(http.get("/sim/products/HX-4410").status()).isEqualTo(200);
        assertThat(http.call("POST", "/sim/checkout", "{\"count\":2}").json().path("orders")).hasSize(2);
        http.call("DELETE", "/sim/faults", null);
        assertThat(http.get("/API-Storefront/Products/Product/BySKU/HX-4410", AUTH).status()).isEqualTo(200);
    }

    private static JsonNode json(String text) {
        try {
            return StorefrontJson.mapper().readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
