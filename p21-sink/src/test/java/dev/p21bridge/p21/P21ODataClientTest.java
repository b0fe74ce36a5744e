package dev.p21bridge.p21;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.p21bridge.schemas.Order;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class P21ODataClientTest {

    private static StubP21 p21;
    private static P21ODataClient odata;
    private static P21TransactionClient transactions;

    @BeforeAll
    static void start() {
        p21 = new StubP21();
        P21HttpClient client = p21.client();
        HttpUrl base = HttpUrl.get(p21.baseUrl());
        odata = new P21ODataClient(client, base);
        transactions = new P21TransactionClient(client, base);
    }

    @AfterAll
    static void stop() {
        p21.close();
    }

    @Test
    void shouldQuoteStringLiteralsAndDoubleTheQuotesInside() {
        assertThat(P21ODataClient.literal("o'brien@x.com")).isEqualTo("'o''brien@x.com'");
        assertThat(P21ODataClient.literal("xcart:10452")).isEqualTo("'xcart:10452'");
    }

    @Test
    void shouldFindACustomerByItsLowerCasedEmailEvenWithAQuoteInIt() {
        Order order = SampleOrders.variant("quote", "o'brien@x.com");
        String id = transactions.submit(new P21OrderMapper().customer(order))
                .edit(P21OrderMapper.CUSTOMER_FORM, "customer_id").orElseThrow();

        assertThat(odata.findCustomerIdByEmail(" O'Brien@X.com")).contains(id);
        assertThat(p21.lastFilter).isEqualTo("email_address eq 'o''brien@x.com'");
    }

    @Test
    void shouldAnswerEmptyForAnOrderKeyP21HasNotSeen() {
        assertThat(odata.findOrderNoByWebReference("xcart:never")).isEmpty();
        assertThat(p21.lastFilter).isEqualTo("web_reference_no eq 'xcart:never'");
    }

    @Test
    void shouldNotTakeTheOrderOfAKeyThatDiffersOnlyInCase() {
        Order order = SampleOrders.variant("Case-1", "case@x.com");
        String customerId = transactions.submit(new P21OrderMapper().customer(order))
                .edit(P21OrderMapper.CUSTOMER_FORM, "customer_id").orElseThrow();
        String orderNo = transactions.submit(new P21OrderMapper().salesOrder(order, customerId))
                .edit(P21OrderMapper.ORDER_HEADER, "order_no").orElseThrow();

        assertThat(odata.findOrderNoByWebReference(order.getOrderKey())).contains(orderNo);
        assertThat(odata.findOrderNoByWebReference(order.getOrderKey().toLowerCase(java.util.Locale.ROOT))).isEmpty();
    }

    @Test
    void shouldReportAnUnknownTableAsP21Answered() {
        assertThatThrownBy(() -> odata.query("no_such_table", "a eq 'b'", "a", null, 1))
                .isInstanceOfSatisfying(P21CallException.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.detail()).isEqualTo("Resource not found: table/no_such_table");
                });
    }
}
