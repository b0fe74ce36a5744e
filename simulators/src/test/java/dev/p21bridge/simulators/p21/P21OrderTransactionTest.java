package dev.p21bridge.simulators.p21;

import static dev.p21bridge.simulators.p21.P21TestClient.orderSet;
import static dev.p21bridge.simulators.p21.P21TestClient.resultEdit;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.p21bridge.simulators.p21.P21TestClient.Answer;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class P21OrderTransactionTest {

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

    static Map<String, String> header() {
        Map<String, String> header = new LinkedHashMap<>();
        header.put("customer_id", "100100");
        header.put("sales_loc_id", "10");
        header.put("source_loc_id", "10");
        header.put("order_date", "2026-11-20");
        header.put("requested_date", "2026-11-23");
        header.put("po_no", "PO-7781");
        header.put("taker", "WEBORDER");
        header.put("web_reference_no", "xcart:10452");
        header.put("freight_out", "14.50");
        header.put("tax_amount", "30.39");
        return header;
    }

    @Test
    void shouldCreateASalesOrderAndAnswerItsNumberInTheResultRow() {
        Answer answer = client.transaction(orderSet(header(), "HX-4410", "8", "WSH-0375-Z", "10"));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().at("/Summary/Succeeded").asInt()).isEqualTo(1);
        assertThat(answer.body().at("/Summary/Failed").asInt()).isZero();
        assertThat(answer.body().at("/Messages/0").asText()).isEqualTo("Transaction 1:: ");
        assertThat(answer.body().at("/Results/Transactions/0/Status").asText()).isEqualTo("Passed");
        assertThat(resultEdit(answer.body(), 0, "TABPAGE_1.order", "order_no")).isEqualTo("1000001");

        JsonNode order = client.get("/sim/orders?web_reference_no=xcart:10452").body().get(0);
        assertThat(order.get("order_no").asText()).isEqualTo("1000001");
        assertThat(order.get("po_no").asText()).isEqualTo("PO-7781");
        assertThat(order.get("customer_id").asText()).isEqualTo("100100");
        assertThat(order.at("/lines/0/item_id").asText()).isEqualTo("HX-4410");
        assertThat(order.at("/lines/0/unit_price").asText()).isEqualTo("24.95");
        assertThat(order.at("/lines/0/extended_price").asText()).isEqualTo("199.60");
        assertThat(order.at("/totals/merchandise").asText()).isEqualTo("381.60");
        assertThat(order.at("/totals/discount").asText()).isEqualTo("0");
        assertThat(order.at("/totals/freight").asText()).isEqualTo("14.50");
        assertThat(order.at("/totals/tax").asText()).isEqualTo("30.39");
        assertThat(order.at("/totals/total").asText()).isEqualTo("426.49");
        assertThat(order.at("/lines/1/line_no").asText()).isEqualTo("2");
    }

    @Test
    void shouldNumberOrdersSequentially() {
        client.transaction(orderSet(header(), "HX-4410", "1"));
        Answer second = client.transaction(orderSet(header(), "HX-4410", "1"));

        assertThat(resultEdit(second.body(), 0, "TABPAGE_1.order", "order_no")).isEqualTo("1000002");
        assertThat(p21.orders()).extracting(P21Order::orderNo).containsExactly("1000001", "1000002");
    }

    @Test
    void shouldUseAnExplicitUnitPriceInsteadOfTheListPrice() {
        ObjectNode set = orderSet(header());
        ArrayNode rows = (ArrayNode) set.at("/Transactions/0/DataElements/1/Rows");
        P21TestClient.edits(rows.addObject(), Map.of("oe_order_item_id", "HX-4410", "unit_quantity", "3",
                "unit_price", "19.9900"));

        client.transaction(set);

        P21OrderLine line = p21.orders().get(0).lines().get(0);
        assertThat(line.unitPrice()).isEqualByComparingTo("19.99");
        assertThat(line.extendedPrice()).isEqualByComparingTo("59.97");
    }

    @Test
    void shouldAllocateTheOrderedQuantityAtTheSourceLocation() {
        Map<String, String> header = header();
        header.put("source_loc_id", "20");

        client.transaction(orderSet(header, "BV-075-SWT", "7"));

        JsonNode rows = client.get("/sim/inventory/BV-075-SWT").body();
        assertThat(rows).anySatisfy(row -> {
            assertThat(row.get("location_id").asText()).isEqualTo("20");
            assertThat(row.get("qty_allocated").asText()).isEqualTo("7");
            assertThat(row.get("qty_on_hand").asText()).isEqualTo("5000");
        });
        assertThat(rows).anySatisfy(row -> {
            assertThat(row.get("location_id").asText()).isEqualTo("10");
            assertThat(row.get("qty_allocated").asText()).isEqualTo("0");
        });
        JsonNode invLoc = client.odata("inv_loc", "$filter", "item_id eq 'BV-075-SWT' and location_id eq 20")
                .body().at("/value/0");
        assertThat(invLoc.get("qty_allocated").decimalValue()).isEqualByComparingTo("7");
    }

    @Test
    void shouldCreateTheStockRowWhenTheSourceLocationHasNone() {
        Map<String, String> header = header();
        header.put("source_loc_id", "30");

        client.transaction(orderSet(header, "HX-4410", "2"));

        JsonNode row = client.odata("inv_loc", "$filter", "item_id eq 'HX-4410' and location_id eq 30")
                .body().at("/value/0");
        assertThat(row.get("qty_on_hand").decimalValue()).isEqualByComparingTo("0");
        assertThat(row.get("qty_allocated").decimalValue()).isEqualByComparingTo("2");
    }

    static Stream<Arguments> rejections() {
        return Stream.of(
                Arguments.of("customer_id", "999999", "Customer ID 999999 not found"),
                Arguments.of("customer_id", null, "Customer ID is required"),
                Arguments.of("source_loc_id", null, "Jurisdiction ID for Order Header Tax is required"),
                Arguments.of("requested_date", "2026-11-20", "Requested date must be after order date"),
                Arguments.of("requested_date", "2026-11-19", "Requested date must be after order date"));
    }

    @ParameterizedTest
    @MethodSource("rejections")
    void shouldRejectAnOrderP21WouldRefuseAndCreateNothing(String field, String value, String message) {
        Map<String, String> header = header();
        if (value == null) {
            header.remove(field);
        } else {
            header.put(field, value);
        }

        assertRejected(client.transaction(orderSet(header, "HX-4410", "5")), message);
    }

    @Test
    void shouldRejectAnUnknownItem() {
        assertRejected(client.transaction(orderSet(header(), "HX-4410", "1", "NO-SUCH-SKU", "1")),
                "Item ID NO-SUCH-SKU not found");
    }

    @Test
    void shouldMergeTheSameItemSentTwiceWithoutRowKeysAsP21Does() {
        client.transaction(orderSet(header(), "HX-4410", "1", "WSH-0375-Z", "4", "hx-4410", "2"));

        assertThat(p21.orders().get(0).lines()).extracting(P21OrderLine::lineNo, P21OrderLine::itemId,
                l -> l.qtyOrdered().toPlainString()).containsExactly(
                        org.assertj.core.groups.Tuple.tuple(1, "HX-4410", "3"),
                        org.assertj.core.groups.Tuple.tuple(2, "WSH-0375-Z", "4"));
    }

    @Test
    void shouldKeepTheSameItemOnTwoLinesWhenEachCarriesItsLineNumber() {
        ObjectNode set = orderSet(header());
        ArrayNode rows = (ArrayNode) set.at("/Transactions/0/DataElements/1/Rows");
        P21TestClient.edits(rows.addObject(), Map.of("line_no", "1", "oe_order_item_id", "HX-4410",
                "unit_quantity", "1", "unit_price", "24.95"));
        P21TestClient.edits(rows.addObject(), Map.of("line_no", "2", "oe_order_item_id", "HX-4410",
                "unit_quantity", "2", "unit_price", "22.00"));

        client.transaction(set);

        JsonNode order = client.get("/sim/orders?web_reference_no=xcart:10452").body().get(0);
        assertThat(order.at("/lines/0/line_no").asText()).isEqualTo("1");
        assertThat(order.at("/lines/1/line_no").asText()).isEqualTo("2");
        assertThat(order.at("/lines/1/qty_ordered").asText()).isEqualTo("2");
        assertThat(order.at("/totals/merchandise").asText()).isEqualTo("68.95");
        JsonNode stock = client.get("/sim/inventory/HX-4410").body();
        assertThat(stock).anySatisfy(row -> {
            assertThat(row.get("location_id").asText()).isEqualTo("10");
            assertThat(row.get("qty_allocated").asText()).isEqualTo("3");
        });
    }

    @Test
    void shouldRejectALineNumberUsedTwice() {
        ObjectNode set = orderSet(header());
        ArrayNode rows = (ArrayNode) set.at("/Transactions/0/DataElements/1/Rows");
        P21TestClient.edits(rows.addObject(), Map.of("line_no", "1", "oe_order_item_id", "HX-4410", "unit_quantity", "1"));
        P21TestClient.edits(rows.addObject(), Map.of("line_no", "1", "oe_order_item_id", "BV-075-SWT", "unit_quantity", "1"));

        assertRejected(client.transaction(set), "Line number 1 is used twice");
    }

    @Test
    void shouldTakeADiscountAsANegativeOtherChargeLineAndInvoiceTheStorefrontTotal() {
        Map<String, String> header = header();
        header.put("carrier_id", "UPSG");
        header.put("terms", "PREPAID");
        header.put("notes", "Leave at dock 4");
        ObjectNode set = orderSet(header);
        ArrayNode rows = (ArrayNode) set.at("/Transactions/0/DataElements/1/Rows");
        P21TestClient.edits(rows.addObject(), Map.of("line_no", "1", "oe_order_item_id", "HX-4410",
                "unit_quantity", "8", "unit_price", "24.95"));
        P21TestClient.edits(rows.addObject(), Map.of("line_no", "2", "oe_order_item_id", "WSH-0375-Z",
                "unit_quantity", "10", "unit_price", "18.20"));
        P21TestClient.edits(rows.addObject(), Map.of("line_no", "3", "oe_order_item_id", "WEB-DISCOUNT",
                "unit_quantity", "1", "unit_price", "-13.27"));

        client.transaction(set);

        JsonNode order = client.get("/sim/orders?web_reference_no=xcart:10452").body().get(0);
        assertThat(order.at("/totals/merchandise").asText()).isEqualTo("381.60");
        assertThat(order.at("/totals/discount").asText()).isEqualTo("13.27");
        assertThat(order.at("/totals/total").asText()).isEqualTo("413.22");
        assertThat(order.get("ship_via").asText()).isEqualTo("UPSG");
        assertThat(order.get("terms").asText()).isEqualTo("PREPAID");
        assertThat(order.get("notes").asText()).isEqualTo("Leave at dock 4");
        assertThat(p21.orders().get(0).lines().get(2).qtyAllocated()).isEqualByComparingTo("0");
        JsonNode ticket = client.post("/sim/shipments", Map.of("order_no", order.get("order_no").asText(),
                "carrier_id", "UPSG", "tracking_no", "1Z999")).body();
        assertThat(ticket.get("lines")).extracting(l -> l.get("item_id").asText())
                .containsExactly("HX-4410", "WSH-0375-Z");
    }

    @Test
    void shouldRefuseANegativePriceOnAStockedItem() {
        ObjectNode set = orderSet(header());
        ArrayNode rows = (ArrayNode) set.at("/Transactions/0/DataElements/1/Rows");
        P21TestClient.edits(rows.addObject(), Map.of("oe_order_item_id", "HX-4410", "unit_quantity", "1",
                "unit_price", "-1"));

        assertRejected(client.transaction(set), "Unit price -1 is not valid for item HX-4410");
    }

    @Test
    void shouldTakeTheCustomersTermsAndNoTaxWhenNoneAreSent() {
        Map<String, String> header = header();
        header.remove("tax_amount");

        client.transaction(orderSet(header, "HX-4410", "1"));

        JsonNode order = client.get("/sim/orders?web_reference_no=xcart:10452").body().get(0);
        assertThat(order.get("terms").asText()).isEqualTo("NET30");
        assertThat(order.at("/totals/tax").asText()).isEqualTo("0");
        assertThat(order.at("/totals/total").asText()).isEqualTo("39.45");
    }

    @Test
    void shouldRejectAQuantityThatIsNotPositive() {
        assertRejected(client.transaction(orderSet(header(), "HX-4410", "0")), "Quantity must be greater than zero");
    }

    @Test
    void shouldPassAndFailTransactionsOfOneSetIndependently() {
        ObjectNode set = orderSet(header(), "HX-4410", "1");
        Map<String, String> bad = new HashMap<>(header());
        bad.put("customer_id", "4");
        P21TestClient.addOrder(((ArrayNode) set.get("Transactions")).addObject(), bad, "HX-4410", "1");
        P21TestClient.addOrder(((ArrayNode) set.get("Transactions")).addObject(), header(), "WSH-0375-Z", "1");

        Answer answer = client.transaction(set);

        assertThat(answer.body().at("/Summary/Succeeded").asInt()).isEqualTo(2);
        assertThat(answer.body().at("/Summary/Failed").asInt()).isEqualTo(1);
        assertThat(answer.body().get("Messages")).extracting(JsonNode::asText).containsExactly(
                "Transaction 1:: ", "Transaction 2:: Customer ID 4 not found", "Transaction 3:: ");
        assertThat(answer.body().at("/Results/Transactions")).hasSize(2);
        assertThat(p21.orders()).extracting(P21Order::orderNo).containsExactly("1000001", "1000002");
    }

    @Test
    void shouldFailEveryTransactionOfAnUnknownService() {
        ObjectNode set = orderSet(header(), "HX-4410", "1");
        set.put("Name", "Invoice");

        Answer answer = client.transaction(set);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().at("/Summary/Failed").asInt()).isEqualTo(1);
        assertThat(answer.body().at("/Messages/0").asText()).contains("Invoice");
    }

    @Test
    void shouldAnswer400InP21sShapeForABodyThatIsNotJson() {
        Answer answer = client.postRaw("/uiserver0/api/v2/transaction", "{\"Name\": \"Order\", ");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().get("ErrorType").asText()).isEqualTo("P21.Common.Exceptions.Prophet21Exception");
        assertThat(answer.body().get("ErrorMessage").asText()).isNotBlank();
    }

    @Test
    void shouldCreateACustomerWithTheNextCustomerIdAndUpdateItLater() {
        ObjectNode set = P21TestClient.set("Customer");
        ObjectNode transaction = ((ArrayNode) set.get("Transactions")).addObject().put("Status", "New");
        ObjectNode form = transaction.putArray("DataElements").addObject().put("Name", "TABPAGE_1.customer");
        Map<String, String> edits = new LinkedHashMap<>();
        edits.put("customer_name", "Núñez Plumbing Supply");
        edits.put("email_address", "mj.nunez@example.org");
        edits.put("phys_city", "Chicago");
        P21TestClient.edits(form.putArray("Rows").addObject(), edits);

        Answer created = client.transaction(set);

        assertThat(created.body().at("/Summary/Succeeded").asInt()).isEqualTo(1);
        assertThat(resultEdit(created.body(), 0, "TABPAGE_1.customer", "customer_id")).isEqualTo("100200");
        JsonNode row = client.odata("customer", "$filter", "email_address eq 'MJ.NUNEZ@example.org'").body();
        assertThat(row.at("/value/0/customer_id").asLong()).isEqualTo(100_200);
        assertThat(row.at("/value/0/customer_name").asText()).isEqualTo("Núñez Plumbing Supply");

        edits.clear();
        edits.put("customer_id", "100200");
        edits.put("phys_city", "Evanston");
        P21TestClient.edits((ObjectNode) form.withArray("Rows").removeAll().addObject(), edits);
        assertThat(client.transaction(set).body().at("/Summary/Succeeded").asInt()).isEqualTo(1);

        P21Customer updated = p21.customers().stream().filter(c -> c.customerId() == 100_200).findFirst().orElseThrow();
        assertThat(updated.physCity()).isEqualTo("Evanston");
        assertThat(updated.customerName()).isEqualTo("Núñez Plumbing Supply");
    }

    @Test
    void shouldRejectANewCustomerWithoutAName() {
        ObjectNode set = P21TestClient.set("Customer");
        ObjectNode transaction = ((ArrayNode) set.get("Transactions")).addObject().put("Status", "New");
        ObjectNode form = transaction.putArray("DataElements").addObject().put("Name", "TABPAGE_1.customer");
        P21TestClient.edits(form.putArray("Rows").addObject(), Map.of("email_address", "x@example.org"));

        Answer answer = client.transaction(set);

        assertThat(answer.body().at("/Summary/Failed").asInt()).isEqualTo(1);
        assertThat(answer.body().at("/Messages/0").asText()).isEqualTo("Transaction 1:: Customer Name is required");
        assertThat(p21.customers()).noneMatch(c -> "x@example.org".equals(c.emailAddress()));
    }

    private static void assertRejected(Answer answer, String message) {
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().at("/Summary/Succeeded").asInt()).isZero();
        assertThat(answer.body().at("/Summary/Failed").asInt()).isEqualTo(1);
        assertThat(answer.body().get("Results").isNull()).isTrue();
        assertThat(answer.body().at("/Messages/0").asText()).startsWith("Transaction 1:: ").contains(message);
        assertThat(p21.orders()).isEmpty();
        assertThat(client.get("/sim/inventory/HX-4410").body()).allSatisfy(row ->
                assertThat(new BigDecimal(row.get("qty_allocated").asText())).isZero());
    }
}
