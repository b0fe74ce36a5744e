package dev.p21bridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.p21bridge.platform.dlq.DeadLetterFilter;
import dev.p21bridge.platform.dlq.DeadLetterStore;
import dev.p21bridge.simulators.faults.FaultInjector.Faults;
import dev.p21bridge.simulators.p21.P21Order;
import dev.p21bridge.simulators.storefront.CheckoutRequest;
import dev.p21bridge.testing.Await;
import dev.p21bridge.testing.KafkaBrokerExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * P21 down for two minutes while orders arrive, with the production retry settings (retry delays 10 s, 1 min,
 * 10 min; circuit open for 30 s): the orders wait in {@code retry.p21-sink.1}, the circuit opens, nothing becomes a
 * dead letter, and every order is created once after P21 returns. "Down" is P21's IIS answering 503 to every API
 * call, tokens and OData included, as it does while its application pool is stopped.
 */
@Tag("integration")
@ExtendWith(KafkaBrokerExtension.class)
class P21OutageIntegrationTest {

    @RegisterExtension
    static final RunningBridge bridge = RunningBridge.withSettings(Map.of());

    private static final Duration OUTAGE = Duration.ofMinutes(2);
    private static final Pattern CIRCUIT_OPENED = Pattern.compile("(?m)^p21_circuit_opened_total\\S* ([0-9.]+)$");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void shouldKeepOrdersInRetryWhileP21IsDownForTwoMinutesAndCreateEachOnceWhenItReturns() throws Exception {
        double openedBefore = circuitOpened();
        bridge.system().p21().faults().set(new Faults(1.0, List.of(503), 0, 0, 0, 0, 0));
        long downSince = System.nanoTime();
        List<String> references = new ArrayList<>();
        CheckoutRequest request = CheckoutRequest.of(100).withRates(0.0, 0);
        bridge.system().xcart().checkout(request).forEach(id -> references.add("xcart:" + id));
        bridge.system().clarity().checkout(request).forEach(id -> references.add("clarity:" + id));

        Await.until(Duration.ofSeconds(90), () -> keysIn("retry.p21-sink.1").containsAll(references),
                () -> keysIn("retry.p21-sink.1").size() + " of 200 orders in retry.p21-sink.1");
        assertThat(circuitOpened()).isGreaterThan(openedBefore);
        DeadLetterStore deadLetters = new DeadLetterStore(clientProperties());
        while (System.nanoTime() - downSince < OUTAGE.toNanos()) {
            assertThat(deadLetters.list("p21-sink", DeadLetterFilter.ALL)).isEmpty();
            assertThat(ordersIn(references)).isEmpty();
            Thread.sleep(1_000);  // observing the outage, not waiting for a result
        }
        assertThat(keysIn("retry.p21-sink.3")).as("held at level 1 while the circuit is open").isEmpty();

        bridge.system().p21().faults().set(Faults.NONE);

        Await.until(Duration.ofMinutes(2), () -> ordersIn(references).size() >= references.size(),
                () -> ordersIn(references).size() + " of 200 orders in P21");
        List<P21Order> created = ordersIn(references);
        assertThat(created).hasSize(200);
        assertThat(created).extracting(P21Order::webReferenceNo).doesNotHaveDuplicates();
        assertThat(deadLetters.list("p21-sink", DeadLetterFilter.ALL)).isEmpty();
    }

    private static List<P21Order> ordersIn(List<String> references) {
        Set<String> wanted = new HashSet<>(references);
        return bridge.system().p21().orders().stream().filter(o -> wanted.contains(o.webReferenceNo())).toList();
    }

    /** Every key written to {@code topic} so far. */
    private static Set<String> keysIn(String topic) {
        Set<String> keys = new HashSet<>();
        TopicReader.readToEnd(bridge.system().kafkaBootstrap(), topic, Duration.ofSeconds(20))
                .forEach(record -> keys.add(record.key()));
        return keys;
    }

    private static double circuitOpened() throws Exception {
        HttpResponse<String> metrics = HTTP.send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + bridge.system().console().port() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher matcher = CIRCUIT_OPENED.matcher(metrics.body());
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
    }

    private static Properties clientProperties() {
        Properties props = new Properties();
        props.put("bootstrap.servers", bridge.system().kafkaBootstrap());
        props.put("isolation.level", "read_committed");
        return props;
    }
}
