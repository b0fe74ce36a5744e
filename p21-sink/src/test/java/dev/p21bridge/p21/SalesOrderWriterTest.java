package dev.p21bridge.p21;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.p21bridge.p21.SalesOrderOutcome.AlreadyExisted;
import dev.p21bridge.p21.SalesOrderOutcome.Created;
import dev.p21bridge.p21.SalesOrderOutcome.Rejected;
import dev.p21bridge.p21.SalesOrderOutcome.RejectedByRisk;
import dev.p21bridge.p21.SalesOrderOutcome.Skipped;
import dev.p21bridge.p21.SalesOrderOutcome.Transient;
import dev.p21bridge.p21client.P21ErrorPolicy;
import dev.p21bridge.p21client.P21HttpClient;
import dev.p21bridge.p21client.P21ODataClient;
import dev.p21bridge.p21client.P21TokenProvider;
import dev.p21bridge.p21client.P21TransactionClient;
import dev.p21bridge.platform.retry.CircuitBreaker;
import dev.p21bridge.platform.retry.RetryConfig;
import dev.p21bridge.schemas.ChangeType;
import dev.p21bridge.schemas.Order;
import dev.p21bridge.schemas.PaymentStatus;
import dev.p21bridge.schemas.RiskAction;
import dev.p21bridge.testing.Await;
import dev.p21bridge.testing.ManualClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SalesOrderWriterTest {

    private StubP21 p21;
    private SalesOrderWriter writer;

    @BeforeEach
    void start() {
        p21 = new StubP21();
        writer = writer(p21.baseUrl(), Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() {
        p21.close();
    }

    @Test
    void shouldCreateTheCustomerAndTheOrderAndFindBothTheSecondTime() {
        SalesOrderOutcome first = writer.write(SampleOrders.clarity());
        SalesOrderOutcome second = writer.write(SampleOrders.clarity());

        assertThat(first).isInstanceOf(Created.class);
        Created created = (Created) first;
        assertThat(created.p21CreatedAt()).as("not read back after the create: one call").isNull();
        assertThat(p21.ordersWithReference("clarity:CL-2026-000981")).hasSize(1);
        Map<String, String> order = p21.ordersWithReference("clarity:CL-2026-000981").get(0);
        assertThat(second).isEqualTo(new AlreadyExisted(created.orderNo(), created.customerId(),
                java.time.Instant.parse(order.get("date_created"))));
        assertThat(order).containsEntry("customer_id", created.customerId()).containsEntry("po_no", "PO-88123");
        assertThat(p21.customers()).hasSize(1);
        assertThat(p21.customers().get(created.customerId()))
                .containsEntry("email_address", "mj.nunez@example.org")
                .containsEntry("customer_name", "Núñez Plumbing Supply");
    }

    @Test
    void shouldCreateAnUnseenOrderOfAKnownBuyerWithOneCallAndStillFindAnOrderItWasNotToldIsNew() {
        writer.write(SampleOrders.variant("1", "known@example.com"));
        int reads = p21.odataCalls.get();
        int writes = p21.orderTransactions.get();

        SalesOrderOutcome unseen = writer.write(SampleOrders.variant("2", "known@example.com"), true);

        assertThat(unseen).isInstanceOf(Created.class);
        assertThat(p21.odataCalls.get() - reads).as("look-ups").isZero();
        assertThat(p21.orderTransactions.get() - writes).as("creates").isEqualTo(1);
        // told nothing, the writer looks first and finds the order: never a second one
        assertThat(writer.write(SampleOrders.variant("2", "known@example.com"))).isInstanceOf(AlreadyExisted.class);
        assertThat(p21.ordersWithReference("xcart:2")).hasSize(1);
    }

    /** P21 answered the create with a 503 and a look-up right after finds nothing: the next try need not look again. */
    @Test
    void shouldSayNothingIsInP21AfterAnAnsweredFailureWhoseLookUpFoundNothing() {
        Order order = SampleOrders.variant("503", "answered@example.com");
        p21.faults.failFirst(order.getOrderKey(), 1);

        SalesOrderOutcome failed = writer.write(order, true);

        assertThat(failed).isInstanceOfSatisfying(Transient.class, t -> assertThat(t.untouched()).isTrue());
        assertThat(writer.write(order, true)).isInstanceOf(Created.class);
        assertThat(p21.ordersWithReference(order.getOrderKey())).hasSize(1);
    }

    @Test
    void shouldWriteNeitherOrderNorCustomerForADeclinedOrderAndCreateThePaidOneAfterIt() {
        Order declined = SampleOrders.variant("1", "declined@example.com");
        declined.getPayment().setStatus(PaymentStatus.DECLINED);

        assertThat(writer.write(declined)).isEqualTo(new Skipped("payment declined"));
        assertThat(p21.orders()).isEmpty();
        assertThat(p21.customers()).isEmpty();

        assertThat(writer.write(SampleOrders.variant("2", "paid@example.com"))).isInstanceOf(Created.class);
        assertThat(p21.orders()).hasSize(1);
    }

    @Test
    void shouldSkipAPendingOrderOnlyWhenConfiguredTo() {
        Order pending = SampleOrders.variant("1", "terms@example.com");
        pending.getPayment().setStatus(PaymentStatus.PENDING);
        SalesOrderWriter skipping = writer(p21.baseUrl(), Duration.ofSeconds(5),
                CircuitBreaker.of("p21", RetryConfig.defaults(), Clock.systemUTC()),
                new PayableOrderPolicy(PayableOrderPolicy.Pending.SKIP));

        assertThat(skipping.write(pending)).isInstanceOf(Skipped.class);
        assertThat(p21.orders()).isEmpty();
        assertThat(writer.write(pending)).as("created by default").isInstanceOf(Created.class);
    }

    @Test
    void shouldCreateAnOrderTheRiskScoreHoldsOnHoldNamingTheScoreAndItsTopReasons() {
        Order risky = RiskPolicyTest.scored(SampleOrders.variant("1", "fast@example.com"), RiskAction.HOLD);

        assertThat(writer.write(risky)).isInstanceOf(Created.class);

        Map<String, String> header = p21.ordersWithReference("xcart:1").get(0);
        assertThat(header).containsEntry("approved", "OFF")
                .containsEntry("hold_reason", "risk 72: velocity-email 5 orders in 10 min; country-mismatch US/NG");
    }

    @Test
    void shouldCreateNeitherOrderNorCustomerForAnOrderTheRiskScoreRejects() {
        Order rejected = RiskPolicyTest.scored(SampleOrders.variant("1", "fraud@example.com"), RiskAction.REJECT);

        assertThat(writer.write(rejected)).isInstanceOf(RejectedByRisk.class);
        assertThat(((RejectedByRisk) writer.write(rejected)).reason()).contains("risk 72", "velocity-email");
        assertThat(p21.orders()).isEmpty();
        assertThat(p21.customers()).isEmpty();
    }

    /** A cancellation of an order already in P21 is not this writer's to skip: it stays found. */
    @Test
    void shouldCancelAnOrderAlreadyInP21WhenItsPaymentIsLaterDeclinedRatherThanSkipOrCreateIt() {
        Order order = SampleOrders.variant("1", "buyer@example.com");
        Created created = (Created) writer.write(order);
        order.getPayment().setStatus(PaymentStatus.DECLINED);
        order.setChangeType(ChangeType.UPDATED);

        // a declined payment is a cancellation (docs/contract.md, 'Webhooks'): the order P21 has is found and cancelled
        assertThat(writer.write(order)).isInstanceOf(SalesOrderOutcome.Cancelled.class)
                .extracting(outcome -> ((SalesOrderOutcome.Cancelled) outcome).orderNo()).isEqualTo(created.orderNo());
        assertThat(p21.orders()).hasSize(1);
    }

    @Test
    void shouldGiveTwoOrdersOfOneBuyerTheSameCustomer() {
        Created one = (Created) writer.write(SampleOrders.variant("1", "buyer@example.com"));
        Created two = (Created) writer(p21.baseUrl(), Duration.ofSeconds(5))
                .write(SampleOrders.variant("2", "buyer@example.com"));

        assertThat(two.customerId()).isEqualTo(one.customerId());
        assertThat(p21.customers()).hasSize(1);
        assertThat(p21.orders()).hasSize(2);
    }

    @Test
    void shouldFindTheOrderInsteadOfCreatingItAgainWhenP21CommitsAndThenFails() {
        p21.commitThenFailOnce("xcart:10452");

        SalesOrderOutcome outcome = writer.write(SampleOrders.xcart());

        assertThat(outcome).isInstanceOf(Created.class);
        assertThat(p21.ordersWithReference("xcart:10452")).hasSize(1);
        assertThat(((Created) outcome).orderNo()).isEqualTo(p21.ordersWithReference("xcart:10452").get(0).get("order_no"));
    }

    @Test
    void shouldFindAnOrderWhoseAnswerTimedOutRatherThanCreatingItTwice() {
        SalesOrderWriter impatient = writer(p21.baseUrl(), Duration.ofMillis(300));
        impatient.write(SampleOrders.variant("warm-up", "buyer@example.com"));
        p21.transactionLatencyMs = 1_000;

        SalesOrderOutcome timedOut = impatient.write(SampleOrders.variant("slow", "buyer@example.com"));
        awaitTrue(() -> p21.ordersWithReference("xcart:slow").size() == 1);
        p21.transactionLatencyMs = 0;
        SalesOrderOutcome again = impatient.write(SampleOrders.variant("slow", "buyer@example.com"));

        assertThat(timedOut).isInstanceOf(Transient.class);
        assertThat(again).isInstanceOf(AlreadyExisted.class);
        assertThat(p21.ordersWithReference("xcart:slow")).hasSize(1);
    }

    @Test
    void shouldRejectAnUnknownItemWithP21sOwnMessage() {
        SalesOrderOutcome outcome = writer.write(SampleOrders.variant("bad", "buyer@example.com", "HX-4410", "UNKNOWN-7"));

        assertThat(outcome).isEqualTo(new Rejected("Item ID UNKNOWN-7 does not exist in item master."));
        assertThat(p21.orders()).isEmpty();
    }

    @Test
    void shouldReportATransientFailureWhenP21Answers500BeforeWritingAndCreateOnTheNextTry() {
        p21.failNextTransactionsWith500.set(1);

        SalesOrderOutcome failed = writer.write(SampleOrders.xcart());
        SalesOrderOutcome retried = writer.write(SampleOrders.xcart());

        assertThat(failed).isInstanceOf(Transient.class);
        assertThat(((Transient) failed).reason()).contains("Unexpected response window");
        assertThat(retried).isInstanceOf(Created.class);
        assertThat(p21.orders()).hasSize(1);
    }

    @Test
    void shouldReportATransientFailureWhenP21CannotBeReached() {
        SalesOrderWriter unreachable = writer(URI.create("http://localhost:1"), Duration.ofSeconds(1));

        assertThat(unreachable.write(SampleOrders.xcart())).isInstanceOf(Transient.class);
    }

    @Test
    void shouldWriteNothingNewForAnUpdateOfAnOrderAlreadyInP21() {
        Created created = (Created) writer.write(SampleOrders.xcart());
        Order update = Order.newBuilder(SampleOrders.xcart()).setChangeType(ChangeType.UPDATED)
                .setSourceEventId("evt-2").build();

        assertThat(writer.write(update)).isEqualTo(new AlreadyExisted(created.orderNo(), created.customerId(),
                java.time.Instant.parse(p21.orders().get(created.orderNo()).get("date_created"))));
        assertThat(p21.orders()).hasSize(1);
    }

    @Test
    void shouldCreateAnOrderFirstSeenAsAnUpdate() {
        Order update = Order.newBuilder(SampleOrders.xcart()).setChangeType(ChangeType.UPDATED).build();

        assertThat(writer.write(update)).isInstanceOf(Created.class);
        assertThat(p21.orders()).hasSize(1);
    }

    @Test
    void shouldReportHowLongP21AskedToWaitWhenItThrottles() {
        Order order = SampleOrders.variant("throttled", "throttled@example.com");
        p21.faults.throttleOnce(order.getOrderKey(), 7);

        SalesOrderOutcome outcome = writer.write(order);

        assertThat(outcome).isInstanceOfSatisfying(Transient.class,
                t -> assertThat(t.retryAfter()).isEqualTo(Duration.ofSeconds(7)));
        assertThat(p21.ordersWithReference(order.getOrderKey())).isEmpty();
        assertThat(writer.write(order)).isInstanceOf(Created.class);
    }

    @Test
    void shouldNotCallP21WhileItsCircuitIsOpenAndCallAgainAfterAProbeSucceeds() {
        ManualClock clock = new ManualClock(java.time.Instant.parse("2026-11-20T10:00:00Z"));
        CircuitBreaker breaker = new CircuitBreaker("p21", 2, Duration.ofMinutes(1), Duration.ofSeconds(30), clock);
        SalesOrderWriter guarded = writer(p21.baseUrl(), Duration.ofSeconds(5), breaker);
        Order order = SampleOrders.variant("guarded", "guarded@example.com");
        p21.goDown();
        assertThat(guarded.write(order)).isInstanceOf(Transient.class);
        assertThat(guarded.write(order)).isInstanceOf(Transient.class);
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
        p21.comeBack();
        int calls = p21.orderTransactions.get();

        assertThat(guarded.write(order)).isInstanceOfSatisfying(Transient.class,
                t -> assertThat(t.reason()).contains("circuit is open"));
        assertThat(p21.orderTransactions.get()).isEqualTo(calls);
        clock.advance(Duration.ofSeconds(30));
        assertThat(guarded.write(order)).isInstanceOf(Created.class);
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    static SalesOrderWriter writer(URI base, Duration readTimeout) {
        return writer(base, readTimeout, CircuitBreaker.of("p21", RetryConfig.defaults(), Clock.systemUTC()));
    }

    static SalesOrderWriter writer(URI base, Duration readTimeout, CircuitBreaker breaker) {
        return writer(base, readTimeout, breaker, PayableOrderPolicy.defaults());
    }

    static SalesOrderWriter writer(URI base, Duration readTimeout, CircuitBreaker breaker, PayableOrderPolicy payable) {
        OkHttpClient http = new OkHttpClient.Builder().readTimeout(readTimeout).retryOnConnectionFailure(false).build();
        ObjectMapper json = new ObjectMapper();
        HttpUrl url = HttpUrl.get(base);
        P21ErrorPolicy policy = new P21ErrorPolicy();
        P21TokenProvider tokens = new P21TokenProvider(http, url, "p21api", "secret", Clock.systemUTC(), json);
        P21HttpClient client = new P21HttpClient(http, tokens, policy, breaker, new SimpleMeterRegistry(), json);
        P21RecordFinder finder = new P21RecordFinder(new P21ODataClient(client, url));
        P21TransactionClient transactions = new P21TransactionClient(client, url);
        P21OrderMapper mapper = new P21OrderMapper();
        return new SalesOrderWriter(new OrderLookups(finder, 2), transactions,
                new CustomerResolver(finder, transactions, mapper, policy, 100), mapper, policy, payable,
                new P21OrderReader(new P21ODataClient(client, url)));
    }

    static void awaitTrue(BooleanSupplier condition) {
        Await.until("condition", Duration.ofSeconds(10), condition::getAsBoolean);
    }
}
