package dev.p21bridge.simulators.p21;

import static dev.p21bridge.simulators.p21.P21TestClient.orderSet;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.p21bridge.simulators.catalog.SimCatalog;
import dev.p21bridge.simulators.p21.P21TestClient.Answer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class P21ODataTest {

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
    void shouldAnswerTheODataEnvelopeWithTypedValues() {
        Answer answer = client.odata("inv_mast", "$filter", "item_id eq 'HX-4410'");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().get("@odata.context").asText())
                .isEqualTo(p21.url() + "/odataservice/odata/$metadata#inv_mast");
        assertThat(answer.body().has("@odata.count")).isFalse();
        JsonNode item = answer.body().at("/value/0");
        assertThat(item.get("inv_mast_uid").isIntegralNumber()).isTrue();
        assertThat(item.get("item_desc").asText()).isEqualTo("Hex bolt 3/8 x 2 in, zinc, box of 100");
        assertThat(answer.text()).contains("\"list_price\":24.95");
        assertThat(item.get("row_status_flag").asInt()).isEqualTo(704);
        assertThat(Instant.parse(item.get("date_last_modified").asText())).isBefore(Instant.now().plusSeconds(1));
    }

    @Test
    void shouldCountAllMatchingRowsBeforePaging() {
        Answer answer = client.odata("inv_loc", "$filter", "location_id eq 10", "$count", "true", "$top", "5");

        assertThat(answer.body().get("@odata.count").asInt()).isEqualTo(SimCatalog.items().size());
        assertThat(answer.body().get("value")).hasSize(5);
    }

    @Test
    void shouldSelectOnlyTheNamedColumns() {
        JsonNode row = client.odata("customer", "$select", "customer_id,email_address", "$top", "1")
                .body().at("/value/0");

        assertThat(row.properties()).extracting(Map.Entry::getKey).containsExactly("customer_id", "email_address");
    }

    @Test
    void shouldOrderByColumnsAndPageWithTopAndSkip() {
        List<String> all = itemIds(client.odata("inv_mast", "$orderby", "list_price desc, item_id", "$select",
                "item_id,list_price").body());
        List<String> page = itemIds(client.odata("inv_mast", "$orderby", "list_price desc, item_id", "$skip", "3",
                "$top", "4").body());

        assertThat(page).containsExactlyElementsOf(all.subList(3, 7));
        List<JsonNode> prices = new ArrayList<>();
        client.odata("inv_mast", "$orderby", "list_price desc").body().get("value").forEach(prices::add);
        for (int i = 1; i < prices.size(); i++) {
            assertThat(prices.get(i).get("list_price").decimalValue())
                    .isLessThanOrEqualTo(prices.get(i - 1).get("list_price").decimalValue());
        }
    }

    @Test
    void shouldFindAnOrderByItsWebReferenceAndItsLinesByOrderNumber() {
        Map<String, String> header = P21OrderTransactionTest.header();
        client.transaction(orderSet(header, "HX-4410", "8", "WSH-0375-Z", "10"));

        JsonNode hdr = client.odata("oe_hdr", "$filter", "web_reference_no eq 'xcart:10452'").body().at("/value/0");
        JsonNode lines = client.odata("oe_line", "$filter", "order_no eq '1000001'", "$orderby", "line_no").body()
                .get("value");

        assertThat(hdr.get("order_no").asText()).isEqualTo("1000001");
        assertThat(hdr.get("customer_id").asLong()).isEqualTo(100_100);
        assertThat(hdr.get("order_date").asText()).isEqualTo("2026-11-20T00:00:00Z");
        assertThat(hdr.get("location_id").asInt()).isEqualTo(10);
        assertThat(hdr.get("completed").asText()).isEqualTo("N");
        assertThat(hdr.get("freight_out").decimalValue()).isEqualByComparingTo("14.50");
        assertThat(lines).hasSize(2);
        assertThat(lines.get(1).get("item_id").asText()).isEqualTo("WSH-0375-Z");
        assertThat(lines.get(1).get("extended_price").decimalValue()).isEqualByComparingTo("182.00");
    }

    @Test
    void shouldFindAnOrderByWebReferenceIgnoringCaseAndApplyTheRestOfTheFilter() {
        client.transaction(orderSet(P21OrderTransactionTest.header(), "HX-4410", "1"));

        assertThat(client.odata("oe_hdr", "$filter", "web_reference_no eq 'XCART:10452'").body().get("value"))
                .hasSize(1);
        assertThat(client.odata("oe_hdr", "$filter", "web_reference_no eq 'xcart:10452' and location_id eq 20")
                .body().get("value")).isEmpty();
        assertThat(client.odata("oe_hdr", "$filter", "web_reference_no eq 'xcart:10452' or web_reference_no eq 'x'",
                "$count", "true").body().get("@odata.count").asInt()).isEqualTo(1);
        assertThat(client.odata("oe_hdr", "$filter", "web_reference_no eq 'xcart:99999'").body().get("value"))
                .isEmpty();
    }

    /** The p21-sink looks up several orders in one call; each comes once, however many of the texts name it. */
    @Test
    void shouldFindSeveralOrdersByWebReferencesJoinedByOr() {
        client.transaction(orderSet(P21OrderTransactionTest.header(), "HX-4410", "1"));
        Map<String, String> second = P21OrderTransactionTest.header();
        second.put("web_reference_no", "clarity:A-77");
        client.transaction(orderSet(second, "HX-4410", "2"));

        JsonNode rows = client.odata("oe_hdr", "$filter", "web_reference_no eq 'xcart:10452' or web_reference_no eq "
                + "'clarity:A-77' or web_reference_no eq 'XCART:10452' or web_reference_no eq 'xcart:1'",
                "$select", "order_no,web_reference_no", "$orderby", "order_no").body().get("value");

        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).get("web_reference_no").asText()).isEqualTo("xcart:10452");
        assertThat(rows.get(1).get("web_reference_no").asText()).isEqualTo("clarity:A-77");
        assertThat(client.odata("oe_hdr", "$filter", "(web_reference_no eq 'xcart:10452' or web_reference_no eq "
                + "'clarity:A-77') and po_no eq 'PO-7781' and web_reference_no eq 'clarity:A-77'").body()
                .get("value")).hasSize(1);
        assertThat(client.odata("oe_hdr", "$filter", "web_reference_no eq 'XCART:10452' and web_reference_no eq "
                + "'xcart:10452'").body().get("value")).hasSize(1);
    }

    @Test
    void shouldFindACustomerByItsCurrentEmailOnly() {
        JsonNode first = client.odata("customer", "$top", "1").body().at("/value/0");
        String email = first.get("email_address").asText();
        long id = first.get("customer_id").asLong();

        JsonNode found = client.odata("customer", "$filter", "email_address eq '" + email.toUpperCase() + "'")
                .body().get("value");
        client.post("/sim/customers",
                Map.of("customer_id", String.valueOf(id), "email_address", "changed@example.com"));

        assertThat(found).hasSize(1);
        assertThat(found.get(0).get("customer_id").asLong()).isEqualTo(id);
        assertThat(client.odata("customer", "$filter", "email_address eq '" + email + "'").body().get("value"))
                .isEmpty();
        assertThat(client.odata("customer", "$filter", "email_address eq 'Changed@Example.com'").body()
                .at("/value/0/customer_id").asLong()).isEqualTo(id);
    }

    @Test
    void shouldStampEveryChangeLaterThanTheOneBeforeSoAPollingWindowMissesNothing() {
        client.transaction(orderSet(P21OrderTransactionTest.header(), "HX-4410", "1"));
        String firstSeen = client.odata("oe_hdr", "$orderby", "date_last_modified desc", "$top", "1").body()
                .at("/value/0/date_last_modified").asText();
        client.transaction(orderSet(P21OrderTransactionTest.header(), "HX-4410", "1"));

        JsonNode newer = client.odata("oe_hdr", "$filter", "date_last_modified gt " + firstSeen).body().get("value");

        assertThat(newer).hasSize(1);
        assertThat(newer.get(0).get("order_no").asText()).isEqualTo("1000002");
        JsonNode stockChanged = client.odata("inv_loc", "$filter", "date_last_modified gt " + firstSeen).body()
                .get("value");
        assertThat(stockChanged).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"item_id eq", "nope eq 1", "item_id eq 'a' or", "list_price gt"})
    void shouldAnswer400ForAnInvalidFilter(String filter) {
        Answer answer = client.odata("inv_mast", "$filter", filter);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().at("/error/code").asText()).isEqualTo("400");
        assertThat(answer.body().at("/error/message").asText()).startsWith("Invalid filter expression");
    }

    @Test
    void shouldAnswer400ForAnUnknownSelectedColumnOrABadTop() {
        assertThat(client.odata("inv_mast", "$select", "item_id,nope").status()).isEqualTo(400);
        assertThat(client.odata("inv_mast", "$orderby", "item_id sideways").status()).isEqualTo(400);
        assertThat(client.odata("inv_mast", "$top", "-1").status()).isEqualTo(400);
        assertThat(client.odata("inv_mast", "$count", "maybe").status()).isEqualTo(400);
    }

    @Test
    void shouldAnswer404ForAnUnknownTable() {
        Answer answer = client.odata("supplier");

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.body().at("/error/code").asText()).isEqualTo("404");
        assertThat(answer.body().at("/error/message").asText()).isEqualTo("Resource not found: table/supplier");
    }

    @Test
    void shouldAnswer404InODataShapeForAPathTheServiceDoesNotHave() {
        Answer answer = client.get("/odataservice/odata/view/p21_view_oe_hdr");

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.body().at("/error/message").asText()).isEqualTo("Resource not found: view/p21_view_oe_hdr");
    }

    private static List<String> itemIds(JsonNode body) {
        List<String> ids = new ArrayList<>();
        body.get("value").forEach(row -> ids.add(row.get("item_id").asText()));
        return ids;
    }
}
