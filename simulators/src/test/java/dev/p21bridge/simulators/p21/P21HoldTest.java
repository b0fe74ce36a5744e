package dev.p21bridge.simulators.p21;

import static dev.p21bridge.simulators.p21.P21TestClient.formSet;
import static dev.p21bridge.simulators.p21.P21TestClient.orderSet;
import static dev.p21bridge.simulators.p21.P21TestClient.resultEdit;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.p21bridge.simulators.p21.P21TestClient.Answer;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Orders entered on hold ({@code approved = N}) and released, through the Order service and the control API. */
class P21HoldTest {

    private static P21Simulator p21;
    private static P21TestClient client;

    @BeforeAll
    static void start() {
        p21 = new P21Simulator(P21SimulatorConfig.defaults().withPort(0)).start();
        client = new P21TestClient(p21.url()).login();
    }

    @AfterAll
    static void stop() {
        p21.close();
    }

    @BeforeEach
    void reset() {
        assertThat(client.post("/sim/reset", Map.of()).status()).isEqualTo(200);
    }

    @Test
    void shouldEnterAnOrderOnHoldThatAllocatesButCannotShip() {
        String before = allocated();

        String orderNo = createHeld("N", "Fraud review");

        JsonNode order = order(orderNo);
        assertThat(order.get("status").asText()).isEqualTo("held");
        assertThat(order.get("hold_reason").asText()).isEqualTo("Fraud review");
        assertThat(Integer.parseInt(allocated()) - Integer.parseInt(before)).isEqualTo(4);
        Answer ship = client.post("/sim/shipments", Map.of("order_no", orderNo));
        assertThat(ship.status()).isEqualTo(409);
        assertThat(ship.body().get("error").asText()).contains("on hold").contains("Fraud review");
        assertThat(header(orderNo, "approved")).isEqualTo("N");
        assertThat(header(orderNo, "rma_flag")).isEqualTo("N");
    }

    @Test
    void shouldTakeTheDisplayValueOffAsNotApproved() {
        String orderNo = createHeld("OFF", "Manual check");

        assertThat(order(orderNo).get("status").asText()).isEqualTo("held");
    }

    @Test
    void shouldReleaseAHeldOrderWhenAnUpdateApprovesIt() {
        String orderNo = createHeld("N", "Fraud review");
        Instant heldAt = Instant.parse(header(orderNo, "date_last_modified"));

        Answer answer = client.transaction(formSet("Order", "TABPAGE_1.order",
                Map.of("order_no", orderNo, "approved", "Y")));

        assertThat(answer.body().at("/Summary/Succeeded").asInt()).isEqualTo(1);
        assertThat(resultEdit(answer.body(), 0, "TABPAGE_1.order", "approved")).isEqualTo("Y");
        JsonNode order = order(orderNo);
        assertThat(order.get("status").asText()).isEqualTo("open");
        assertThat(order.get("hold_reason").isNull()).isTrue();
        assertThat(header(orderNo, "approved")).isEqualTo("Y");
        assertThat(Instant.parse(header(orderNo, "date_last_modified"))).isAfter(heldAt);
        assertThat(client.post("/sim/shipments", Map.of("order_no", orderNo)).status()).isEqualTo(201);
    }

    @Test
    void shouldReleaseAsAP21UserWouldThroughTheControlApi() {
        String orderNo = createHeld("N", "Fraud review");
        Instant heldAt = Instant.parse(header(orderNo, "date_last_modified"));

        Answer released = client.post("/sim/orders/" + orderNo + "/release", Map.of());

        assertThat(released.status()).isEqualTo(200);
        assertThat(released.body().get("status").asText()).isEqualTo("open");
        assertThat(Instant.parse(header(orderNo, "date_last_modified"))).isAfter(heldAt);
        assertThat(client.post("/sim/orders/" + orderNo + "/release", Map.of()).status()).isEqualTo(400);
        assertThat(client.post("/sim/orders/999/release", Map.of()).status()).isEqualTo(404);
    }

    @Test
    void shouldRefuseAnApprovedValueP21DoesNotKnow() {
        Map<String, String> header = new java.util.LinkedHashMap<>(P21OrderTransactionTest.header());
        header.put("approved", "maybe");

        Answer answer = client.transaction(orderSet(header, "HX-4410", "4"));

        assertThat(answer.body().at("/Summary/Failed").asInt()).isEqualTo(1);
        assertThat(answer.body().at("/Messages/0").asText()).contains("Approved 'maybe'");
        assertThat(p21.orders()).isEmpty();
    }

    @Test
    void shouldSelectTheNewOeHdrFlagsAndRefuseAnUnknownColumnAsBefore() {
        createHeld("N", "x");

        assertThat(client.odata("oe_hdr", "$select", "approved,rma_flag").status()).isEqualTo(200);
        assertThat(client.odata("oe_hdr", "$select", "hold_code").status()).isEqualTo(400);
    }

    static String createHeld(String approved, String reason) {
        Map<String, String> header = new java.util.LinkedHashMap<>(P21OrderTransactionTest.header());
        header.put("approved", approved);
        header.put("hold_reason", reason);
        Answer answer = client.transaction(orderSet(header, "HX-4410", "4"));
        assertThat(answer.body().at("/Summary/Succeeded").asInt()).isEqualTo(1);
        return resultEdit(answer.body(), 0, "TABPAGE_1.order", "order_no");
    }

    private static JsonNode order(String orderNo) {
        for (JsonNode order : client.get("/sim/orders").body()) {
            if (order.get("order_no").asText().equals(orderNo)) {
                return order;
            }
        }
        throw new AssertionError("no order " + orderNo);
    }

    private static String header(String orderNo, String column) {
        return client.odata("oe_hdr", "$filter", "order_no eq '" + orderNo + "'").body().at("/value/0/" + column)
                .asText();
    }

    private static String allocated() {
        for (JsonNode row : client.get("/sim/inventory/HX-4410").body()) {
            if (row.get("location_id").asText().equals("10")) {
                return row.get("qty_allocated").asText();
            }
        }
        return "0";
    }
}
