package dev.p21bridge.p21;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.p21bridge.p21.P21Delivery.Step;
import dev.p21bridge.p21client.P21ErrorPolicy;
import dev.p21bridge.p21client.P21HttpClient;
import dev.p21bridge.p21client.P21ODataClient;
import dev.p21bridge.p21client.P21TokenProvider;
import dev.p21bridge.p21client.P21TransactionClient;
import dev.p21bridge.platform.holds.Hold;
import dev.p21bridge.platform.holds.HoldState;
import dev.p21bridge.platform.retry.CircuitBreaker;
import dev.p21bridge.platform.retry.RetryConfig;
import dev.p21bridge.schemas.RiskAction;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A decision on bridge.holds becomes one P21 change and its outcome on bridge.holds; the sink's own records none. */
class HoldDecisionWriterTest {

    private StubP21 p21;
    private MockProducer<String, byte[]> producer;
    private HoldDecisionWriter decisions;

    @BeforeEach
    void start() {
        p21 = new StubP21();
        producer = new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
        OkHttpClient http = new OkHttpClient.Builder().retryOnConnectionFailure(false).build();
        ObjectMapper json = new ObjectMapper();
        HttpUrl url = HttpUrl.get(p21.baseUrl());
        P21ErrorPolicy policy = new P21ErrorPolicy();
        P21HttpClient client = new P21HttpClient(http, new P21TokenProvider(http, url, "p21api", "secret",
                Clock.systemUTC(), json), policy, CircuitBreaker.of("p21", RetryConfig.defaults(), Clock.systemUTC()),
                new SimpleMeterRegistry(), json);
        P21ODataClient odata = new P21ODataClient(client, url);
        decisions = new HoldDecisionWriter(new OrderLookups(new P21RecordFinder(odata), 2), new P21OrderReader(odata),
                new P21TransactionClient(client, url), new P21OrderMapper(), policy, producer);
    }

    @AfterEach
    void stop() {
        p21.close();
    }

    @Test
    void shouldReleaseAnApprovedOrderInP21AndRecordItReleased() {
        SalesOrderWriterTest.writer(p21.baseUrl(), Duration.ofSeconds(5))
                .write(RiskPolicyTest.scored(SampleOrders.variant("1", "a@example.com"), RiskAction.HOLD));
        int writes = p21.orderTransactions.get();

        Step step = decisions.apply(hold("xcart:1", HoldState.APPROVED));

        assertThat(step).isEqualTo(new Step.Done("released"));
        assertThat(p21.orderTransactions.get() - writes).as("one release").isEqualTo(1);
        assertThat(p21.ordersWithReference("xcart:1").get(0)).containsEntry("changed", "true");
        assertThat(producer.history()).singleElement().satisfies(record -> {
            assertThat(record.topic()).isEqualTo("bridge.holds");
            assertThat(record.key()).isEqualTo("xcart:1");
            Hold written = Hold.fromJson(record.value());
            assertThat(written.state()).isEqualTo(HoldState.RELEASED);
            assertThat(written.decidedBy()).isEqualTo("cli");
            assertThat(written.note()).startsWith("released P21 order");
        });
    }

    @Test
    void shouldWaitForAnOrderP21DoesNotShowYetAndIgnoreTheSinksOwnRecords() {
        int calls = p21.odataCalls.get();

        assertThat(decisions.apply(hold("xcart:9", HoldState.HELD))).isEqualTo(new Step.Done("ignored"));
        assertThat(decisions.apply(hold("xcart:9", HoldState.RELEASED))).isEqualTo(new Step.Done("ignored"));
        assertThat(p21.odataCalls.get()).as("no P21 call for the sink's own records").isEqualTo(calls);

        Step waiting = decisions.apply(hold("xcart:9", HoldState.REJECTED));
        assertThat(waiting).isInstanceOfSatisfying(Step.Retry.class, retry -> {
            assertThat(retry.outcome()).isEqualTo("waiting");
            assertThat(retry.reason()).contains("P21 has no order with web_reference_no xcart:9 yet");
        });
        assertThat(producer.history()).isEmpty();
    }

    private static Hold hold(String key, HoldState state) {
        return new Hold(key, "xcart", "1000001", 72, List.of("velocity-email 5 orders in 10 min (40)"), "risk 72",
                state, Instant.parse("2026-12-07T10:00:00Z"), state == HoldState.HELD ? null : Instant.now(),
                state == HoldState.HELD ? null : "cli", null);
    }
}
