package dev.p21bridge.p21client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.p21bridge.platform.retry.CircuitBreaker;
import dev.p21bridge.platform.retry.RetryConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class P21ODataClientTest {

    private final StubP21 p21 = new StubP21();
    private final OkHttpClient http = new OkHttpClient();
    private final P21ODataClient odata = client();

    @AfterEach
    void stop() {
        p21.close();
    }

    @Test
    void shouldQuoteStringLiteralsAndDoubleTheQuotesInside() {
        assertThat(P21ODataClient.literal("o'brien@x.com")).isEqualTo("'o''brien@x.com'");
        assertThat(P21ODataClient.literal("xcart:10452")).isEqualTo("'xcart:10452'");
    }

    @Test
    void shouldSendTheQueryOptionsAndAnswerTheRowsOfTheValueArray() {
        p21.change("inv_mast", item("A-1"));
        p21.change("inv_mast", item("B-1"));
        p21.change("inv_mast", item("C-1"));

        List<ObjectNode> rows = odata.query("inv_mast", "item_id ne 'B-1'", "item_id", "item_id desc", 10);

        assertThat(rows).extracting(row -> row.get("item_id").asText()).containsExactly("C-1", "A-1");
        assertThat(rows.get(0).has("list_price")).as("only the selected columns").isFalse();
    }

    @Test
    void shouldLeaveOutAnOptionWithoutAValue() {
        p21.change("inv_mast", item("A-1"));

        List<ObjectNode> rows = odata.query("inv_mast", java.util.Collections.singletonMap("$filter", null));

        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).get("list_price").decimalValue()).isEqualByComparingTo("10");
    }

    @Test
    void shouldReadAllPagesOfASmallSetWithSkip() {
        for (int i = 0; i < 7; i++) {
            p21.change("inv_mast", item("SET-" + i));
        }

        List<ObjectNode> rows = odata.queryAll("inv_mast", "item_id ge 'SET-'", "item_id asc", null, 3);

        assertThat(rows).extracting(row -> row.get("item_id").asText())
                .containsExactly("SET-0", "SET-1", "SET-2", "SET-3", "SET-4", "SET-5", "SET-6");
    }

    @Test
    void shouldReportAnUnknownTableAsP21Answered() {
        assertThatThrownBy(() -> odata.query("no_such_table", "a eq 'b'", "a", null, 1))
                .isInstanceOfSatisfying(P21CallException.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.detail()).isEqualTo("Resource not found: table/no_such_table");
                });
    }

    @Test
    void shouldFailWithTheStatusAfterTheReadTriesWhenP21KeepsFailing() {
        p21.failWith(503);

        assertThatThrownBy(() -> odata.query("inv_mast", Map.of("$top", "1")))
                .isInstanceOfSatisfying(P21CallException.class, e -> {
                    assertThat(e.status()).isEqualTo(503);
                    assertThat(e.detail()).isEqualTo("fault");
                });
    }

    private P21ODataClient client() {
        P21TokenProvider tokens = new P21TokenProvider(http, HttpUrl.get(p21.url()), StubP21.USERNAME,
                StubP21.PASSWORD, Clock.systemUTC(), StubP21.JSON);
        return new P21ODataClient(new P21HttpClient(http, tokens, new P21ErrorPolicy(),
                CircuitBreaker.of("p21", RetryConfig.defaults(), Clock.systemUTC()), new SimpleMeterRegistry(),
                StubP21.JSON), HttpUrl.get(p21.url()));
    }

    private static ObjectNode item(String itemId) {
        return StubP21.JSON.createObjectNode().put("item_id", itemId).put("list_price", new BigDecimal("10.0000"));
    }
}
