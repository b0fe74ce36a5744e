package dev.p21bridge.p21;

import static org.assertj.core.api.Assertions.assertThat;

import dev.p21bridge.p21client.P21HttpClient;
import dev.p21bridge.p21client.P21ODataClient;
import dev.p21bridge.p21client.P21TransactionClient;
import dev.p21bridge.schemas.Order;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class P21RecordFinderTest {

    private static StubP21 p21;
    private static P21RecordFinder finder;
    private static P21TransactionClient transactions;

    @BeforeAll
    static void start() {
        p21 = new StubP21();
        P21HttpClient client = p21.client();
        HttpUrl base = HttpUrl.get(p21.baseUrl());
        finder = new P21RecordFinder(new P21ODataClient(client, base));
        transactions = new P21TransactionClient(client, base);
    }

    @AfterAll
    static void stop() {
        p21.close();
    }

    @Test
    void shouldFindACustomerByItsLowerCasedEmailEvenWithAQuoteInIt() {
        Order order = SampleOrders.variant("quote", "o'brien@x.com");
        String id = transactions.submit(new P21OrderMapper().customer(order))
                .edit(P21OrderMapper.CUSTOMER_FORM, "customer_id").orElseThrow();

        assertThat(finder.findCustomerIdByEmail(" O'Brien@X.com")).contains(id);
        assertThat(p21.lastFilter).isEqualTo("email_address eq 'o''brien@x.com'");
    }

    @Test
    void shouldAnswerEmptyForAnOrderKeyP21HasNotSeen() {
        assertThat(finder.findOrderNoByWebReference("xcart:never")).isEmpty();
        assertThat(p21.lastFilter).isEqualTo("web_reference_no eq 'xcart:never'");
    }

    @Test
    void shouldNotTakeTheOrderOfAKeyThatDiffersOnlyInCase() {
        Order order = SampleOrders.variant("Case-1", "case@x.com");
        String customerId = transactions.submit(new P21OrderMapper().customer(order))
                .edit(P21OrderMapper.CUSTOMER_FORM, "customer_id").orElseThrow();
        String orderNo = transactions.submit(new P21OrderMapper().salesOrder(order, customerId))
                .edit(P21OrderMapper.ORDER_HEADER, "order_no").orElseThrow();

        assertThat(finder.findOrderNoByWebReference(order.getOrderKey())).contains(orderNo);
        assertThat(finder.findOrderNoByWebReference(order.getOrderKey().toLowerCase(java.util.Locale.ROOT))).isEmpty();
    }
}
