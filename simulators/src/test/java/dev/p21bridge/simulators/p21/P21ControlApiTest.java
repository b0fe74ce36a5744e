package dev.p21bridge.simulators.p21;

import static dev.p21bridge.simulators.p21.P21TestClient.orderSet;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.p21bridge.simulators.p21.P21TestClient.Answer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class P21ControlApiTest {

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
        client.post("/sim/reset", Map.of());
    }

    @Test
    void shouldShipAnOrderWithAPickTicketAndTakeTheStockOffTheShelf() {
        client.transaction(orderSet(P21OrderTransactionTest.header(), "HX-4410", "8", "WSH-0375-Z", "10"));

        Answer shipped = client.post("/sim/shipments",
                Map.of("order_no", "1000001", "carrier_id", "UPS", "tracking_no", "1Z999AA10123456784"));

        assertThat(shipped.status()).isEqualTo(201);
        assertThat(shipped.body().get("pick_ticket_no").asText()).isEqualTo("5000001");
        assertThat(shipped.body().get("lines")).hasSize(2);
        JsonNode ticket = client.odata("oe_pick_ticket", "$filter", "order_no eq '1000001'").body().at("/value/0");
        assertThat(ticket.get("tracking_no").asText()).isEqualTo("1Z999AA10123456784");
        assertThat(ticket.get("carrier_id").asText()).isEqualTo("UPS");
        JsonNode details = client.odata("oe_pick_ticket_detail", "$filter", "pick_ticket_no eq 5000001").body()
                .get("value");
        assertThat(details).hasSize(2);
        assertThat(details.get(0).get("ship_quantity").decimalValue()).isEqualByComparingTo("8");
        JsonNode stock = client.get("/sim/inventory/HX-4410").body().get(0);
        assertThat(stock.get("location_id").asText()).isEqualTo("10");
        assertThat(stock.get("qty_on_hand").asText()).isEqualTo("4992");
        assertThat(stock.get("qty_allocated").asText()).isEqualTo("0");
        JsonNode hdr = client.odata("oe_hdr", "$filter", "order_no eq '1000001'").body().at("/value/0");
        assertThat(hdr.get("completed").asText()).isEqualTo("Y");
    }

    @Test
    void shouldShipPartOfAnOrderOnOnePickTicketAndTheRestOnTheNext() {
        client.transaction(orderSet(P21OrderTransactionTest.header(), "HX-4410", "8", "WSH-0375-Z", "10"));

        Answer first = client.post("/sim/shipments", Map.of("order_no", "1000001", "tracking_no", "T1",
                "lines", List.of(Map.of("oe_line_no", "1", "qty", "3"))));

        assertThat(first.status()).isEqualTo(201);
        assertThat(first.body().get("lines")).hasSize(1);
        assertThat(first.body().at("/lines/0/ship_quantity").asText()).isEqualTo("3");
        assertThat(client.odata("oe_hdr", "$filter", "order_no eq '1000001'").body().at("/value/0/completed")
                .asText()).isEqualTo("N");

        assertThat(client.post("/sim/shipments", Map.of("order_no", "1000001", "lines",
                List.of(Map.of("oe_line_no", "9", "qty", "1")))).status()).isEqualTo(400);
        assertThat(client.post("/sim/shipments", Map.of("order_no", "1000001", "lines",
                List.of(Map.of("oe_line_no", "1", "qty", "6")))).status()).isEqualTo(400);

        Answer rest = client.post("/sim/shipments", Map.of("order_no", "1000001", "tracking_no", "T2"));

        assertThat(rest.body().get("lines")).hasSize(2);
        assertThat(rest.body().at("/lines/0/ship_quantity").asText()).isEqualTo("5");
        assertThat(client.odata("oe_hdr", "$filter", "order_no eq '1000001'").body().at("/value/0/completed")
                .asText()).isEqualTo("Y");
    }

    @Test
    void shouldRefuseToShipAnUnknownOrderOrOneAlreadyShipped() {
        assertThat(client.post("/sim/shipments", Map.of("order_no", "42")).status()).isEqualTo(404);
        client.transaction(orderSet(P21OrderTransactionTest.header(), "HX-4410", "1"));
        assertThat(client.post("/sim/shipments", Map.of("order_no", "1000001")).status()).isEqualTo(201);

        Answer again = client.post("/sim/shipments", Map.of("order_no", "1000001"));

        assertThat(again.status()).isEqualTo(400);
        assertThat(again.body().get("error").asText()).contains("already shipped");
    }

    @Test
    void shouldSetStockOnHandAsAP21UserWould() {
        Answer answer = client.post("/sim/inventory", Map.of("item_id", "BV-075-SWT", "location_id", "20",
                "qty_on_hand", 12));

        assertThat(answer.status()).isEqualTo(200);
        JsonNode row = client.odata("inv_loc", "$filter", "item_id eq 'BV-075-SWT' and location_id eq 20").body()
                .at("/value/0");
        assertThat(row.get("qty_on_hand").decimalValue()).isEqualByComparingTo("12");
    }

    @Test
    void shouldAnswer400ForBadInventoryInputAnd404ForAnUnknownItem() {
        assertThat(client.post("/sim/inventory", Map.of("item_id", "HX-4410", "location_id", "10",
                "qty_on_hand", "lots")).status()).isEqualTo(400);
        assertThat(client.post("/sim/inventory", Map.of("item_id", "HX-4410", "qty_on_hand", 1)).status())
                .isEqualTo(400);
        assertThat(client.postRaw("/sim/inventory", "not json").body().get("error").asText()).isNotBlank();
        assertThat(client.post("/sim/inventory", Map.of("item_id", "NOPE", "location_id", "10",
                "qty_on_hand", 1)).status()).isEqualTo(404);
        assertThat(client.get("/sim/inventory/NOPE").status()).isEqualTo(404);
    }

    @Test
    void shouldAddAnItemThatOrdersCanThenUse() {
        Answer added = client.post("/sim/items", Map.of("item_id", "GSK-NEW-1", "item_desc", "Gasket, new",
                "list_price", "3.3333"));

        assertThat(added.status()).isEqualTo(201);
        assertThat(client.get("/sim/inventory/GSK-NEW-1").body()).hasSize(2)
                .allSatisfy(row -> assertThat(row.get("qty_on_hand").asText()).isEqualTo("0"));
        client.transaction(orderSet(P21OrderTransactionTest.header(), "GSK-NEW-1", "3"));
        assertThat(p21.orders().get(0).linesTotal()).isEqualByComparingTo("9.9999");
        assertThat(client.post("/sim/items", Map.of("item_id", "GSK-NEW-1", "item_desc", "again",
                "list_price", "1")).status()).isEqualTo(400);
    }

    @Test
    void shouldListSeededCustomersWithTheirIds() {
        JsonNode customers = client.get("/sim/customers").body();

        assertThat(customers.size()).isBetween(6, 8);
        assertThat(customers.get(0).get("customer_id").asText()).isEqualTo("100100");
        assertThat(customers).allSatisfy(c -> assertThat(c.get("email_address").asText()).contains("@"));
    }

    @Test
    void shouldResetToTheSeed() {
        client.transaction(orderSet(P21OrderTransactionTest.header(), "HX-4410", "1"));

        client.post("/sim/reset", Map.of());

        assertThat(client.get("/sim/orders").body()).isEmpty();
        assertThat(client.get("/sim/inventory/HX-4410").body().get(0).get("qty_allocated").asText()).isEqualTo("0");
        client.transaction(orderSet(P21OrderTransactionTest.header(), "HX-4410", "1"));
        assertThat(p21.orders().get(0).orderNo()).isEqualTo("1000001");
    }

    @Test
    void shouldGiveEveryOrderItsOwnNumberUnderParallelClients() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<Answer>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < 120; i++) {
                answers.add(pool.submit(() -> client.transaction(orderSet(P21OrderTransactionTest.header(),
                        "HX-4410", "1"))));
            }
            for (Future<Answer> answer : answers) {
                assertThat(answer.get().body().at("/Summary/Succeeded").asInt()).isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(p21.orders()).extracting(P21Order::orderNo).doesNotHaveDuplicates().hasSize(120)
                .contains("1000001", "1000120");
        assertThat(client.get("/sim/inventory/HX-4410").body().get(0).get("qty_allocated").asText()).isEqualTo("120");
    }
}
