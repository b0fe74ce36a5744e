package dev.p21bridge.simulators.p21;

import static dev.p21bridge.simulators.p21.P21TestClient.orderSet;
import static dev.p21bridge.simulators.p21.P21TestClient.resultEdit;
import static dev.p21bridge.simulators.p21.P21TestClient.rmaSet;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.p21bridge.simulators.p21.P21TestClient.Answer;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** RMAs: the {@code RMA} service, {@code GET /sim/rmas} and receiving one, which restocks and credits. */
class P21RmaTest {

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
    void shouldCreateAnRmaAsAnOeHdrRowWithRmaFlagThatAllocatesNothing() {
        String orderNo = shippedOrder();
        BigDecimal allocatedBefore = stock("qty_allocated");

        Answer answer = client.transaction(rmaSet(header(orderNo, "ret-1"), line("HX-4410", "3", "24.95")));

        assertThat(answer.body().at("/Summary/Succeeded").asInt()).isEqualTo(1);
        String rmaNo = resultEdit(answer.body(), 0, "TABPAGE_1.order", "order_no");
        assertThat(Long.parseLong(rmaNo)).isGreaterThan(Long.parseLong(orderNo));
        JsonNode row = client.odata("oe_hdr", "$filter", "order_no eq '" + rmaNo + "'").body().at("/value/0");
        assertThat(row.get("rma_flag").asText()).isEqualTo("Y");
        assertThat(row.get("web_reference_no").asText()).isEqualTo("xcart:10452:ret-1");
        assertThat(client.odata("oe_line", "$filter", "order_no eq '" + rmaNo + "'").body().at("/value/0/qty_ordered")
                .decimalValue()).isEqualByComparingTo("3");
        assertThat(stock("qty_allocated")).isEqualByComparingTo(allocatedBefore);
        assertThat(client.get("/sim/orders").body()).extracting(o -> o.get("order_no").asText())
                .containsExactly(orderNo);
        assertThat(p21.orders()).extracting(P21Order::orderNo).containsExactly(orderNo);
        JsonNode rma = client.get("/sim/rmas").body().get(0);
        assertThat(rma.get("rma_no").asText()).isEqualTo(rmaNo);
        assertThat(rma.get("order_no").asText()).isEqualTo(orderNo);
        assertThat(rma.get("status").asText()).isEqualTo("open");
        assertThat(rma.at("/lines/0/item_id").asText()).isEqualTo("HX-4410");
        assertThat(rma.at("/lines/0/qty").asText()).isEqualTo("3");
    }

    @Test
    void shouldRejectAnUnknownOriginalOrderOrAnItemNotOnIt() {
        String orderNo = shippedOrder();

        assertRejected(rmaSet(header("999", "r"), line("HX-4410", "1", "24.95")), "999 not found");
        assertRejected(rmaSet(header(orderNo, "r"), line("WSH-0375-Z", "1", "18.20")), "is not on order");
        assertThat(p21.rmas()).isEmpty();
    }

    @Test
    void shouldRejectMoreThanWasShippedLessWhatEarlierRmasReturn() {
        String orderNo = shippedOrder();
        String unshipped = createOrder("xcart:2");

        assertRejected(rmaSet(header(orderNo, "r1"), line("HX-4410", "9", "24.95")), "exceeds the 8 returnable");
        assertRejected(rmaSet(header(unshipped, "r1"), line("HX-4410", "1", "24.95")), "exceeds the 0 returnable");
        assertThat(client.transaction(rmaSet(header(orderNo, "r1"), line("HX-4410", "5", "24.95"))).body()
                .at("/Summary/Succeeded").asInt()).isEqualTo(1);
        assertRejected(rmaSet(header(orderNo, "r2"), line("HX-4410", "4", "24.95")), "exceeds the 3 returnable");
        assertThat(client.transaction(rmaSet(header(orderNo, "r2"), line("HX-4410", "3", "24.95"))).body()
                .at("/Summary/Succeeded").asInt()).isEqualTo(1);
    }

    @Test
    void shouldCreditTheCustomerWhenAnRmaIsReceived() {
        String orderNo = shippedOrder();
        String rmaNo = createRma(orderNo, "3", "20.00");
        BigDecimal onHandBefore = stock("qty_on_hand");
        Instant stockChangedBefore = Instant.parse(stockRow().get("date_last_modified").asText());

        Answer answer = client.post("/sim/rmas/" + rmaNo + "/receive", Map.of());

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().get("status").asText()).isEqualTo("credited");
        assertThat(stock("qty_on_hand")).isEqualByComparingTo(onHandBefore.add(new BigDecimal("3")));
        assertThat(Instant.parse(stockRow().get("date_last_modified").asText())).isAfter(stockChangedBefore);
        JsonNode memo = client.odata("invoice_hdr", "$filter", "order_no eq '" + rmaNo + "'").body().at("/value/0");
        assertThat(memo.get("invoice_adjustment_type").asText()).isEqualTo("C");
        assertThat(memo.get("total_amount").decimalValue()).isEqualByComparingTo("-60.00");
        assertThat(memo.get("amount_paid").decimalValue()).isEqualByComparingTo("-60.00");
        assertThat(memo.get("paid_in_full_flag").asText()).isEqualTo("Y");
        assertThat(client.odata("oe_hdr", "$filter", "order_no eq '" + rmaNo + "'").body().at("/value/0/completed")
                .asText()).isEqualTo("Y");
        JsonNode listed = client.get("/sim/invoices").body().get(0);
        assertThat(listed.get("kind").asText()).isEqualTo("credit_memo");
        assertThat(listed.get("web_reference_no").asText()).isEqualTo("xcart:10452:ret-1");
    }

    @Test
    void shouldAnswer404ForAnUnknownRmaAnd409WhenReceivedTwice() {
        String rmaNo = createRma(shippedOrder(), "1", "24.95");
        p21.receiveRma(rmaNo);

        assertThat(client.post("/sim/rmas/" + rmaNo + "/receive", Map.of()).status()).isEqualTo(409);
        assertThat(client.post("/sim/rmas/999/receive", Map.of()).status()).isEqualTo(404);
    }

    @Test
    void shouldNotShipInvoiceOrChangeAnRmaAsASalesOrder() {
        String rmaNo = createRma(shippedOrder(), "1", "24.95");

        assertThat(client.post("/sim/shipments", Map.of("order_no", rmaNo)).status()).isEqualTo(400);
        assertThat(client.post("/sim/invoices", Map.of("order_no", rmaNo)).status()).isEqualTo(409);
        Answer change = client.transaction(P21TestClient.formSet("Order", "TABPAGE_1.order",
                Map.of("order_no", rmaNo, "cancel_flag", "Y")));
        assertThat(change.body().at("/Summary/Failed").asInt()).isEqualTo(1);
    }

    static String createRma(String orderNo, String quantity, String price) {
        Answer answer = client.transaction(rmaSet(header(orderNo, "ret-1"), line("HX-4410", quantity, price)));
        assertThat(answer.body().at("/Summary/Succeeded").asInt()).isEqualTo(1);
        return resultEdit(answer.body(), 0, "TABPAGE_1.order", "order_no");
    }

    static String shippedOrder() {
        String orderNo = createOrder("xcart:10452");
        assertThat(client.post("/sim/shipments", Map.of("order_no", orderNo)).status()).isEqualTo(201);
        return orderNo;
    }

    private static String createOrder(String reference) {
        Map<String, String> header = new LinkedHashMap<>(P21OrderTransactionTest.header());
        header.put("web_reference_no", reference);
        Answer answer = client.transaction(orderSet(header, "HX-4410", "8"));
        return resultEdit(answer.body(), 0, "TABPAGE_1.order", "order_no");
    }

    static Map<String, String> header(String orderNo, String returnId) {
        Map<String, String> header = new LinkedHashMap<>();
        header.put("customer_id", "100100");
        header.put("original_order_no", orderNo);
        header.put("web_reference_no", "xcart:10452:" + returnId);
        header.put("po_no", "PO-7781");
        header.put("hold_reason", "ignored");
        return header;
    }

    static Map<String, String> line(String item, String quantity, String price) {
        Map<String, String> line = new LinkedHashMap<>();
        line.put("line_no", "1");
        line.put("oe_order_item_id", item);
        line.put("unit_quantity", quantity);
        line.put("unit_price", price);
        return line;
    }

    private static void assertRejected(com.fasterxml.jackson.databind.node.ObjectNode set, String message) {
        Answer answer = client.transaction(set);
        assertThat(answer.body().at("/Summary/Failed").asInt()).isEqualTo(1);
        assertThat(answer.body().at("/Messages/0").asText()).contains(message);
    }

    private static JsonNode stockRow() {
        return client.odata("inv_loc", "$filter", "item_id eq 'HX-4410' and location_id eq 10").body().at("/value/0");
    }

    private static BigDecimal stock(String column) {
        return stockRow().get(column).decimalValue();
    }
}
