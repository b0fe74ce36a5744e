package dev.p21bridge.simulators.p21;

import static dev.p21bridge.simulators.p21.P21TestClient.orderSet;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.p21bridge.simulators.p21.P21TestClient.Answer;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Changing and cancelling an existing order: the Order service with {@code order_no}, and the control routes. */
class P21OrderChangeTest {

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
    void shouldChangeTheLinesAndShipToOfAnOpenOrderAndMoveItsAllocation() {
        String orderNo = create();
        BigDecimal before = allocated("HX-4410");

        Answer answer = client.transaction(change(orderNo, Map.of("ship2_name", "Dock 4", "ship2_add1", "1 New Rd",
                "ship2_city", "Austin", "ship2_state", "TX", "ship2_zip", "78701", "ship2_country", "US"),
                row("1", "HX-4410", "3", null), row("2", "WSH-0375-Z", "10", "Y")));

        assertThat(answer.body().at("/Summary/Succeeded").asInt()).isEqualTo(1);
        JsonNode order = order(orderNo);
        assertThat(order.get("status").asText()).isEqualTo("open");
        assertThat(order.get("lines")).hasSize(1);
        assertThat(order.at("/lines/0/qty_ordered").asText()).isEqualTo("3");
        assertThat(order.at("/ship_to/add1").asText()).isEqualTo("1 New Rd");
        assertThat(allocated("HX-4410")).isEqualByComparingTo(before.subtract(new BigDecimal("5")));
    }

    @Test
    void shouldCancelThroughTheTransactionApiAndReleaseTheAllocation() {
        BigDecimal before = allocated("HX-4410");
        String orderNo = create();

        Answer answer = client.transaction(change(orderNo, Map.of("cancel_flag", "Y")));

        assertThat(answer.body().at("/Summary/Succeeded").asInt()).isEqualTo(1);
        assertThat(order(orderNo).get("status").asText()).isEqualTo("cancelled");
        assertThat(allocated("HX-4410")).isEqualByComparingTo(before);
        JsonNode row = client.get("/odataservice/odata/table/oe_hdr?$filter=order_no%20eq%20'" + orderNo
                + "'&$select=cancel_flag").body().at("/value/0");
        assertThat(row.get("cancel_flag").asText()).isEqualTo("Y");
    }

    @Test
    void shouldRefuseToChangeAShippedOrder() {
        String orderNo = create();
        assertThat(client.post("/sim/shipments", Map.of("order_no", orderNo)).status()).isEqualTo(201);

        Answer answer = client.transaction(change(orderNo, Map.of(), row("1", "HX-4410", "1", null)));

        assertThat(answer.body().at("/Summary/Failed").asInt()).isEqualTo(1);
        assertThat(answer.body().at("/Messages/0").asText()).contains("has shipped");
        assertThat(client.post("/sim/orders/" + orderNo + "/cancel", Map.of()).status()).isEqualTo(400);
    }

    @Test
    void shouldCancelAsAP21UserThroughTheControlRoute() {
        BigDecimal before = allocated("HX-4410");
        String orderNo = create();

        Answer answer = client.post("/sim/orders/" + orderNo + "/cancel", Map.of());

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().get("status").asText()).isEqualTo("cancelled");
        assertThat(allocated("HX-4410")).isEqualByComparingTo(before);
        assertThat(client.post("/sim/orders/" + orderNo + "/cancel", Map.of()).status()).isEqualTo(400);
        assertThat(client.post("/sim/orders/999/cancel", Map.of()).status()).isEqualTo(404);
        assertThat(client.post("/sim/orders/" + orderNo + "/release", Map.of()).status()).isEqualTo(400);
    }

    private static String create() {
        Answer answer = client.transaction(orderSet(P21OrderTransactionTest.header(), "HX-4410", "8", "WSH-0375-Z",
                "10"));
        assertThat(answer.body().at("/Summary/Succeeded").asInt()).isEqualTo(1);
        return client.get("/sim/orders?web_reference_no=xcart:10452").body().get(0).get("order_no").asText();
    }

    private static JsonNode order(String orderNo) {
        for (JsonNode order : client.get("/sim/orders").body()) {
            if (order.get("order_no").asText().equals(orderNo)) {
                return order;
            }
        }
        throw new AssertionError("no order " + orderNo);
    }

    private static BigDecimal allocated(String itemId) {
        for (JsonNode row : client.get("/sim/inventory/" + itemId).body()) {
            if (row.get("location_id").asText().equals("10")) {
                return new BigDecimal(row.get("qty_allocated").asText());
            }
        }
        return BigDecimal.ZERO;
    }

    private static Map<String, String> row(String lineNo, String item, String quantity, String delete) {
        Map<String, String> row = new LinkedHashMap<>();
        row.put("line_no", lineNo);
        row.put("oe_order_item_id", item);
        row.put("unit_quantity", quantity);
        if (delete != null) {
            row.put("delete_flag", delete);
        }
        return row;
    }

    @SafeVarargs
    private static ObjectNode change(String orderNo, Map<String, String> header, Map<String, String>... rows) {
        Map<String, String> edits = new LinkedHashMap<>();
        edits.put("order_no", orderNo);
        edits.putAll(header);
        ObjectNode set = P21TestClient.set("Order");
        ObjectNode transaction = ((ArrayNode) set.get("Transactions")).addObject();
        transaction.put("Status", "New");
        ArrayNode elements = transaction.putArray("DataElements");
        ObjectNode form = elements.addObject();
        form.put("Name", "TABPAGE_1.order");
        form.put("Type", "Form");
        P21TestClient.edits(form.putArray("Rows").addObject(), edits);
        ObjectNode list = elements.addObject();
        list.put("Name", "TP_ITEMS.items");
        list.put("Type", "List");
        list.putArray("Keys").add("line_no");
        ArrayNode array = list.putArray("Rows");
        for (Map<String, String> row : rows) {
            P21TestClient.edits(array.addObject(), row);
        }
        return set;
    }
}
