package dev.p21bridge.simulators.xcart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.p21bridge.simulators.catalog.SimCatalog;
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

class XCartApiTest {

    private static final String[] AUTH = {"X-Auth-Token", "xcart-dev-token"};
    private static XCartSimulator xcart;
    private static SimHttp http;

    @BeforeAll
    static void start() {
        xcart = new XCartSimulator(StorefrontSimulatorConfig.xcartDefaults().withPort(0).withWebhookUrl(null)).start();
        http = new SimHttp(xcart.url());
    }

    @AfterAll
    static void stop() {
        xcart.close();
    }

    @BeforeEach
    void reset() {
        assertThat(http.call("POST", "/sim/reset", "{}").status()).isEqualTo(200);
    }

    @Test
    void shouldRefuseEveryApiCallWithoutTheToken() {
        assertThat(http.get("/api/products/1")).isEqualTo(new Answer(401, json("{\"message\":\"Invalid API token\"}")));
        assertThat(http.get("/api/products/1", "X-Auth-Token", "wrong").status()).isEqualTo(401);
        assertThat(http.call("PUT", "/api/products/1", "{\"amount\":1}").status()).isEqualTo(401);
        assertThat(xcart.product("HX-4410").orElseThrow().amount()).isEqualTo(10_000);
    }

    @Test
    void shouldAnswer404ForUnknownOrdersAndProducts() {
        Answer notFound = new Answer(404, json("{\"message\":\"Not Found\"}"));
        assertThat(http.get("/api/orders/99999", AUTH)).isEqualTo(notFound);
        assertThat(http.get("/api/products/99999", AUTH)).isEqualTo(notFound);
        assertThat(http.get("/api/products/abc", AUTH)).isEqualTo(notFound);
        assertThat(http.call("PUT", "/api/orders/99999/shipping_status", "{\"code\":\"S\"}", AUTH)).isEqualTo(notFound);
        assertThat(http.call("POST", "/api/orders/99999/tracking_numbers", "{\"value\":\"1Z\"}", AUTH))
                .isEqualTo(notFound);
        assertThat(http.call("PUT", "/api/products/99999", "{\"amount\":1}", AUTH)).isEqualTo(notFound);
    }

    @Test
    void shouldServeAPlacedOrderAsTheSampleShapePlusTrackingNumbers() {
        String id = xcart.checkout(CheckoutRequest.of(1)).get(0);

        Answer answer = http.get("/api/orders/" + id, AUTH);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().path("id").asLong()).isEqualTo(Long.parseLong(id));
        assertThat(answer.json().path("shipping_status").path("code").asText()).isEqualTo("N");
        assertThat(answer.json().path("tracking_numbers").isArray()).isTrue();
        assertThat(answer.json().path("items").size()).isPositive();
    }

    @Test
    void shouldShowShippedStatusAndTrackingNumberKeptOnceInSimOrders() {
        String id = xcart.checkout(CheckoutRequest.of(1)).get(0);

        Answer status = http.call("PUT", "/api/orders/" + id + "/shipping_status", "{\"code\":\"S\"}", AUTH);
        Answer first = http.call("POST", "/api/orders/" + id + "/tracking_numbers", "{\"value\":\"1Z999AA10123456784\"}",
                AUTH);
        Answer again = http.call("POST", "/api/orders/" + id + "/tracking_numbers", "{\"value\":\"1Z999AA10123456784\"}",
                AUTH);

        assertThat(status.status()).isEqualTo(200);
        assertThat(status.json().path("code").asText()).isEqualTo("S");
        assertThat(status.json().path("name").asText()).isEqualTo("Shipped");
        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().path("id")).isEqualTo(first.json().path("id"));
        assertThat(((com.fasterxml.jackson.databind.node.ObjectNode) http.get("/sim/orders/" + id).json())
                .retain("id", "status", "tracking_numbers", "cancelled")).isEqualTo(json(
                "{\"id\":\"" + id + "\",\"status\":\"S\",\"tracking_numbers\":[\"1Z999AA10123456784\"],\"cancelled\":false}"));
        JsonNode order = http.get("/api/orders/" + id, AUTH).json();
        assertThat(order.path("tracking_numbers")).hasSize(1);
        assertThat(order.path("tracking_numbers").get(0).path("value").asText()).isEqualTo("1Z999AA10123456784");
        assertThat(http.get("/sim/calls").json().path("perOrder").path(id).asInt()).isEqualTo(3);
    }

    @Test
    void shouldRefuseAShippingStatusXCartDoesNotKnow() {
        String id = xcart.checkout(CheckoutRequest.of(1)).get(0);

        assertThat(http.call("PUT", "/api/orders/" + id + "/shipping_status", "{\"code\":\"SHIPPED\"}", AUTH).status())
                .isEqualTo(400);
        assertThat(http.call("PUT", "/api/orders/" + id + "/shipping_status", "{\"code\":\"WFA\"}", AUTH).status())
                .isEqualTo(400);
        assertThat(http.call("PUT", "/api/orders/" + id + "/shipping_status", "not json", AUTH).status())
                .isEqualTo(400);
        assertThat(xcart.order(id).orElseThrow().status()).isEqualTo("N");
    }

    @Test
    void shouldPageProductsAtMostAHundredAtATime() {
        Answer first = http.get("/api/products?page=1&itemsPerPage=500", AUTH);
        Answer last = http.get("/api/products?page=4&itemsPerPage=100", AUTH);

        assertThat(first.json()).hasSize(100);
        assertThat(first.json().get(0)).isEqualTo(json(
                "{\"id\":1,\"sku\":\"HX-4410\",\"name\":\"Hex bolt 3/8 x 2 in, zinc, box of 100\",\"price\":24.95,"
                        + "\"amount\":10000,\"enabled\":true}"));
        assertThat(last.json()).hasSize(SimCatalog.items().size() - 300);
        assertThat(http.get("/api/products?page=0", AUTH).status()).isEqualTo(400);
    }

    @Test
    void shouldShowStockAndPriceUpdatesInSimProducts() {
        Answer updated = http.call("PUT", "/api/products/1", "{\"amount\":42,\"price\":26.5}", AUTH);
        http.call("PUT", "/api/products/1", "{\"amount\":41}", AUTH);

        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.json().path("amount").asInt()).isEqualTo(42);
        assertThat(http.get("/api/products/1", AUTH).json().path("price").decimalValue()).isEqualByComparingTo("26.50");
        assertThat(http.get("/sim/products/hx-4410").json())
                .isEqualTo(json("{\"sku\":\"HX-4410\",\"amount\":41,\"price\":\"26.50\"}"));
        assertThat(http.get("/sim/calls").json().path("perSku").path("HX-4410").asInt()).isEqualTo(2);
        assertThat(http.call("PUT", "/api/products/1", "{\"amount\":-1}", AUTH).status()).isEqualTo(400);
        assertThat(http.call("PUT", "/api/products/1", "{\"amount\":1.5}", AUTH).status()).isEqualTo(400);
    }

    @Test
    void shouldKeepADescriptionWrittenThroughTheApiAndShowItInSimProducts() {
        Answer updated = http.call("PUT", "/api/products/1", "{\"description\":\"Grade 5, zinc plated\"}", AUTH);

        assertThat(updated.status()).isEqualTo(200);
        assertThat(http.get("/api/products/1", AUTH).json().path("description").asText()).isEqualTo("Grade 5, zinc plated");
        assertThat(http.get("/sim/products/HX-4410").json().path("description").asText()).isEqualTo("Grade 5, zinc plated");
        assertThat(http.call("PUT", "/api/products/1", "{\"description\":7}", AUTH).status()).isEqualTo(400);
    }

    @Test
    void shouldTakeCheckedOutQuantitiesOffTheStock() {
        Answer answer = http.call("POST", "/sim/checkout", "{\"count\":3,\"sku\":\"BV-075-SWT\",\"quantity\":7}");

        assertThat(answer.json().path("orders")).hasSize(3);
        assertThat(http.get("/sim/products/BV-075-SWT").json().path("amount").asInt()).isEqualTo(10_000 - 21);
    }

    @Test
    void shouldRefuseAnOrderForMoreThanTheStockItShows() {
        xcart.state().updateProduct("BV-075-SWT", 25, null);

        Answer answer = http.call("POST", "/sim/checkout", "{\"count\":3,\"sku\":\"BV-075-SWT\",\"quantity\":10}");

        assertThat(answer.json().path("orders")).hasSize(2);
        assertThat(answer.json().path("refused").asInt()).isEqualTo(1);
        assertThat(http.get("/sim/products/BV-075-SWT").json().path("amount").asInt()).isEqualTo(5);
    }

    @Test
    void shouldDrawRealisticOrdersOnlyFromWhatIsInStock() {
        xcart.state().products().forEach(p -> xcart.state().updateProduct(p.sku(), 0, null));
        xcart.state().updateProduct("WSH-0375-Z", 1, null);

        Answer answer = http.call("POST", "/sim/checkout", "{\"count\":2}");

        assertThat(answer.json().path("orders")).hasSize(1);
        assertThat(answer.json().path("refused").asInt()).isEqualTo(1);
        assertThat(http.get("/sim/products/WSH-0375-Z").json().path("amount").asInt()).isZero();
    }

    @Test
    void shouldRefuseACheckoutOutsideOneToAHundredThousandOrders() {
        assertThat(http.call("POST", "/sim/checkout", "{\"count\":0}").status()).isEqualTo(400);
        assertThat(http.call("POST", "/sim/checkout", "{\"count\":100001}").status()).isEqualTo(400);
        assertThat(http.call("POST", "/sim/checkout", "{}").status()).isEqualTo(400);
        assertThat(http.call("POST", "/sim/checkout", "{\"count\":1,\"sku\":\"NOPE\"}").status()).isEqualTo(400);
    }

    @Test
    void shouldInjectFaultsIntoTheApiButNeverIntoSim() {
        assertThat(http.call("POST", "/sim/faults", "{\"errorRate\":1.0,\"statuses\":[503]}").status()).isEqualTo(200);

        Answer faulted = http.get("/api/products/1", AUTH);

        assertThat(faulted).isEqualTo(new Answer(503, json("{\"message\":\"Service Unavailable\"}")));
        assertThat(http.get("/sim/products/HX-4410").status()).isEqualTo(200);
        assertThat(http.call("POST", "/sim/checkout", "{\"count\":1}").status()).isEqualTo(200);
        assertThat(http.call("DELETE", "/sim/faults", null).status()).isEqualTo(204);
        assertThat(http.get("/api/products/1", AUTH).status()).isEqualTo(200);
    }

    private static JsonNode json(String text) {
        try {
            return StorefrontJson.mapper().readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
