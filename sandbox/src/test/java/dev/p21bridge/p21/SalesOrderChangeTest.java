package dev.p21bridge.p21;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.p21bridge.p21.SalesOrderOutcome.AlreadyExisted;
import dev.p21bridge.p21.SalesOrderOutcome.Cancelled;
import dev.p21bridge.p21.SalesOrderOutcome.Created;
import dev.p21bridge.p21.SalesOrderOutcome.Rejected;
import dev.p21bridge.p21.SalesOrderOutcome.Unchanged;
import dev.p21bridge.p21.SalesOrderOutcome.Updated;
import dev.p21bridge.p21client.P21ErrorPolicy;
import dev.p21bridge.p21client.P21HttpClient;
import dev.p21bridge.p21client.P21ODataClient;
import dev.p21bridge.p21client.P21TokenProvider;
import dev.p21bridge.p21client.P21TransactionClient;
import dev.p21bridge.platform.retry.CircuitBreaker;
import dev.p21bridge.platform.retry.RetryConfig;
import dev.p21bridge.schemas.Address;
import dev.p21bridge.schemas.ChangeType;
import dev.p21bridge.schemas.FulfillmentStatus;
import dev.p21bridge.schemas.Order;
import dev.p21bridge.schemas.OrderLine;
import dev.p21bridge.schemas.PaymentStatus;
import dev.p21bridge.simulators.p21.P21Simulator;
import dev.p21bridge.simulators.p21.P21SimulatorConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Storefront edits and cancellations of orders already in P21, against the P21 simulator: here, in the module that
 * assembles the simulators with the services, because a service never depends on a simulator, not even in its tests.
 */
class SalesOrderChangeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final OkHttpClient HTTP = new OkHttpClient();
    private static P21Simulator p21;
    private static SalesOrderWriter writer;

    @BeforeAll
    static void start() {
        p21 = new P21Simulator(P21SimulatorConfig.defaults().withPort(0)).start();
        HttpUrl url = HttpUrl.get(p21.url());
        ObjectMapper json = new ObjectMapper();
        P21ErrorPolicy policy = new P21ErrorPolicy();
        CircuitBreaker breaker = CircuitBreaker.of("p21", RetryConfig.defaults(), Clock.systemUTC());
        P21TokenProvider tokens = new P21TokenProvider(HTTP, url, "p21api", "p21-dev-password", Clock.systemUTC(), json);
        P21HttpClient client = new P21HttpClient(HTTP, tokens, policy, breaker, new SimpleMeterRegistry(), json);
        P21RecordFinder finder = new P21RecordFinder(new P21ODataClient(client, url));
        P21TransactionClient transactions = new P21TransactionClient(client, url);
        P21OrderMapper mapper = new P21OrderMapper();
        writer = new SalesOrderWriter(new OrderLookups(finder, 2), transactions,
                new CustomerResolver(finder, transactions, mapper, policy, 100), mapper, policy,
                PayableOrderPolicy.defaults(), new P21OrderReader(new P21ODataClient(client, url)));
    }

    @AfterAll
    static void stop() {
        p21.close();
    }

    @BeforeEach
    void reset() throws IOException {
        post("/sim/reset");
    }

    @Test
    void shouldWriteNothingForAnUpdateThatMatchesP21() {
        Created created = (Created) writer.write(SampleOrders.xcart());

        SalesOrderOutcome outcome = writer.write(update(SampleOrders.xcart()));

        assertThat(outcome).isInstanceOf(AlreadyExisted.class);
        assertThat(((AlreadyExisted) outcome).orderNo()).isEqualTo(created.orderNo());
    }

    @Test
    void shouldChangeTheLinesAndAddressOfAnOrderNothingOfWhichHasShipped() throws IOException {
        Created created = (Created) writer.write(SampleOrders.xcart());

        SalesOrderOutcome outcome = writer.write(edited(SampleOrders.xcart()));

        assertThat(outcome).isInstanceOfSatisfying(Updated.class, updated -> {
            assertThat(updated.changes()).contains("line 1 HX-4410 quantity 8 -> 3").contains("line 2 item WSH-0375-Z -> WEB-DISCOUNT")
                    .contains("shipping address (ship2_add1)");
        });
        JsonNode order = order(created.orderNo());
        assertThat(order.get("status").asText()).isEqualTo("open");
        assertThat(order.at("/lines/0/qty_ordered").asText()).isEqualTo("3");
        assertThat(order.get("lines")).hasSize(2);  // HX-4410 and the discount line renumbered to 2
        assertThat(order.at("/ship_to/add1").asText()).isEqualTo("9 Dock Rd");
        assertThat(writer.write(edited(SampleOrders.xcart()))).isInstanceOf(AlreadyExisted.class);
    }

    @Test
    void shouldRefuseAnEditAfterShipmentSayingWhatChanged() throws IOException {
        Created created = (Created) writer.write(SampleOrders.xcart());
        post("/sim/shipments", "{\"order_no\":\"" + created.orderNo() + "\"}");

        SalesOrderOutcome outcome = writer.write(edited(SampleOrders.xcart()));

        assertThat(outcome).isInstanceOfSatisfying(Rejected.class, rejected -> assertThat(rejected.message())
                .contains("has already shipped").contains("HX-4410 quantity 8 -> 3"));
        assertThat(order(created.orderNo()).at("/lines/0/qty_ordered").asText()).isEqualTo("8");
    }

    @Test
    void shouldCancelAnOpenOrderAndKeepItCancelledWhenAnUpdateFollows() throws IOException {
        Created created = (Created) writer.write(SampleOrders.xcart());

        assertThat(writer.write(cancelled(SampleOrders.xcart()))).isInstanceOfSatisfying(Cancelled.class,
                c -> assertThat(List.of(c.orderNo(), c.customerId())).containsExactly(created.orderNo(), created.customerId()));
        assertThat(order(created.orderNo()).get("status").asText()).isEqualTo("cancelled");
        assertThat(writer.write(cancelled(SampleOrders.xcart()))).isInstanceOf(Unchanged.class);
        assertThat(writer.write(edited(SampleOrders.xcart()))).isInstanceOf(Unchanged.class);
        assertThat(order(created.orderNo()).get("status").asText()).isEqualTo("cancelled");
        assertThat(order(created.orderNo()).at("/lines/0/qty_ordered").asText()).isEqualTo("8");
    }

    @Test
    void shouldTakeADeclinedPaymentOnAnUpdateAsACancellation() {
        Created created = (Created) writer.write(SampleOrders.xcart());
        Order declined = update(SampleOrders.xcart());
        declined.getPayment().setStatus(PaymentStatus.DECLINED);

        assertThat(writer.write(declined)).isInstanceOfSatisfying(Cancelled.class,
                c -> assertThat(List.of(c.orderNo(), c.customerId())).containsExactly(created.orderNo(), created.customerId()));
    }

    @Test
    void shouldRefuseToCancelAShippedOrderOrOneP21NeverHad() throws IOException {
        Created created = (Created) writer.write(SampleOrders.xcart());
        post("/sim/shipments", "{\"order_no\":\"" + created.orderNo() + "\"}");

        assertThat(writer.write(cancelled(SampleOrders.xcart()))).isInstanceOfSatisfying(Rejected.class,
                r -> assertThat(r.message()).contains("has already shipped").contains("cannot be cancelled"));
        assertThat(writer.write(cancelled(SampleOrders.variant("never", "never@example.com"))))
                .isInstanceOfSatisfying(Rejected.class, r -> assertThat(r.message()).contains("nothing to cancel"));
    }

    private static Order update(Order order) {
        return Order.newBuilder(order).setChangeType(ChangeType.UPDATED).setSourceEventId("evt-upd").build();
    }

    private static Order cancelled(Order order) {
        return Order.newBuilder(update(order)).setFulfillmentStatus(FulfillmentStatus.CANCELLED).build();
    }

    /** The first line's quantity down to 3, the second line gone, another dock. */
    private static Order edited(Order order) {
        List<OrderLine> lines = new ArrayList<>();
        lines.add(OrderLine.newBuilder(order.getLines().get(0)).setQuantity(new BigDecimal("3.0000")).build());
        Address ship = Address.newBuilder(order.getShippingAddress()).setLine1("9 Dock Rd").build();
        return Order.newBuilder(update(order)).setLines(lines).setShippingAddress(ship).build();
    }

    private static JsonNode order(String orderNo) throws IOException {
        try (Response response = HTTP.newCall(new Request.Builder().url(p21.url() + "/sim/orders").build()).execute()) {
            for (JsonNode order : JSON.readTree(response.body().string())) {
                if (order.get("order_no").asText().equals(orderNo)) {
                    return order;
                }
            }
        }
        throw new AssertionError("no P21 order " + orderNo);
    }

    private static void post(String path) throws IOException {
        post(path, "{}");
    }

    private static void post(String path, String body) throws IOException {
        try (Response response = HTTP.newCall(new Request.Builder().url(p21.url() + path)
                .post(RequestBody.create(body, MediaType.get("application/json"))).build()).execute()) {
            assertThat(response.code()).as(path).isBetween(200, 299);
        }
    }
}
