package dev.p21bridge.p21;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.p21bridge.p21.P21RecordFinder.OrderRef;
import dev.p21bridge.p21client.P21CallException;
import dev.p21bridge.p21client.P21HttpClient;
import dev.p21bridge.p21client.P21ODataClient;
import dev.p21bridge.p21client.P21TransactionClient;
import dev.p21bridge.schemas.Order;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OrderLookupsTest {

    private StubP21 p21;
    private P21ODataClient odata;
    private P21TransactionClient transactions;
    private OrderLookups lookups;
    private final ExecutorService workers = Executors.newFixedThreadPool(20);

    @BeforeEach
    void start() {
        p21 = new StubP21();
        P21HttpClient client = p21.client();
        HttpUrl base = HttpUrl.get(p21.baseUrl());
        odata = new P21ODataClient(client, base);
        transactions = new P21TransactionClient(client, base);
        lookups = new OrderLookups(new P21RecordFinder(odata), 1);
    }

    @AfterEach
    void stop() {
        workers.shutdownNow();
        lookups.close();
        p21.close();
    }

    /** Twenty workers asking at once while P21 is slow share calls, and each gets its own order, or none. */
    @Test
    void shouldAnswerLookUpsAskedTogetherInFewCallsEachWithItsOwnOrder() throws Exception {
        Map<String, String> created = new HashMap<>();
        for (int i = 0; i < 10; i++) {
            String key = "xcart:B" + i;
            created.put(key, create("B" + i));
        }
        p21.odataLatencyMs = 100;
        int before = p21.odataCalls.get();

        Map<String, Future<Optional<OrderRef>>> answers = new HashMap<>();
        for (int i = 0; i < 20; i++) {
            String key = i < 10 ? "xcart:B" + i : "xcart:none-" + i;
            answers.put(key, workers.submit(() -> lookups.find(key)));
        }
        answers.put("xcart:b0", workers.submit(() -> lookups.find("xcart:b0")));

        for (Map.Entry<String, Future<Optional<OrderRef>>> answer : answers.entrySet()) {
            Optional<OrderRef> found = answer.getValue().get();
            String expected = created.get(answer.getKey());
            assertThat(found.map(OrderRef::orderNo)).as(answer.getKey()).isEqualTo(Optional.ofNullable(expected));
        }
        // the first asker goes alone; the rest wait at most for that call, then go together (at most 20 per call)
        assertThat(p21.odataCalls.get() - before).isBetween(2, 4);
    }

    @Test
    void shouldAskForEachOrderAloneWhenP21RefusesTheCombinedQuery() throws Exception {
        String orderNo = create("C1");
        p21.maxOrTerms = 1;
        p21.odataLatencyMs = 100;

        int before = p21.odataCalls.get();
        List<Future<Optional<OrderRef>>> answers = new ArrayList<>();
        answers.add(workers.submit(() -> lookups.find("xcart:first")));
        SalesOrderWriterTest.awaitTrue(() -> p21.odataCalls.get() > before);
        answers.add(workers.submit(() -> lookups.find("xcart:C1")));
        answers.add(workers.submit(() -> lookups.find("xcart:C2")));

        assertThat(answers.get(0).get()).isEmpty();
        assertThat(answers.get(1).get().map(OrderRef::orderNo)).contains(orderNo);
        assertThat(answers.get(2).get()).isEmpty();
        // the first alone, the refused pair, then each of the pair alone
        assertThat(p21.odataCalls.get() - before).isEqualTo(4);
    }

    @Test
    void shouldGiveEveryWaitingLookUpTheFailureWhenP21IsDown() {
        p21.goDown();
        try {
            assertThatThrownBy(() -> lookups.find("xcart:any"))
                    .isInstanceOfSatisfying(P21CallException.class, e -> assertThat(e.status()).isZero());
        } finally {
            p21.comeBack();
        }
    }

    @Test
    void shouldRefuseLookUpsAfterClose() {
        lookups.close();
        assertThatThrownBy(() -> lookups.find("xcart:any")).isInstanceOf(P21CallException.class)
                .satisfies(e -> assertThat(((P21CallException) e).wasSent()).isFalse());
    }

    private String create(String orderId) {
        Order order = SampleOrders.variant(orderId, orderId.toLowerCase() + "@x.com");
        String customerId = transactions.submit(new P21OrderMapper().customer(order))
                .edit(P21OrderMapper.CUSTOMER_FORM, "customer_id").orElseThrow();
        return transactions.submit(new P21OrderMapper().salesOrder(order, customerId))
                .edit(P21OrderMapper.ORDER_HEADER, "order_no").orElseThrow();
    }
}
