package dev.p21bridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.p21bridge.app.BridgeCli;
import dev.p21bridge.schemas.Order;
import dev.p21bridge.schemas.serde.ConfluentAvroSerde;
import dev.p21bridge.schemas.serde.SchemaRegistryClient;
import dev.p21bridge.simulators.p21.P21Order;
import dev.p21bridge.simulators.storefront.CheckoutRequest;
import dev.p21bridge.simulators.storefront.CheckoutResult;
import dev.p21bridge.simulators.storefront.FreightForwarder;
import dev.p21bridge.simulators.storefront.RiskPattern;
import dev.p21bridge.simulators.storefront.StorefrontSimulator;
import dev.p21bridge.testing.Await;
import dev.p21bridge.testing.KafkaBrokerExtension;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Issue 27's end to end: the X-Cart simulator places 1,000 orders of which 3 % follow risky patterns (card-testing
 * bursts, reshippers, high-value first orders shipped abroad); the operator has loaded the freight forwarders they
 * know with {@code ./bridge mapping apply}. Every order reaches P21 once; at least 90 % of the risky ones are held
 * there with their reasons, at most 1 % of the others; approving one releases it, rejecting one cancels it in P21 and
 * in the store.
 */
@Tag("integration")
@ExtendWith(KafkaBrokerExtension.class)
class RiskIntegrationTest {

    @RegisterExtension
    static final RunningBridge bridge = RunningBridge.withSettings(Map.of());

    private static final Duration WAIT = Duration.ofSeconds(180);

    @Test
    void shouldHoldTheRiskyOrdersOfAMixAndNearlyNoneOfTheOthers(@TempDir Path folder) throws Exception {
        StorefrontSimulator xcart = bridge.system().xcart();
        applyForwarders(folder);
        // the transformer reads the applied set with its next order: wait until an order says it was scored by it
        String probe = xcart.checkout(CheckoutRequest.of(1).withRates(0.0, 0)).get(0);
        Await.until("an order scored by the applied rules", WAIT, () -> "1".equals(rulesVersion("xcart:" + probe)));

        CheckoutResult mix = xcart.checkoutWithReport(CheckoutRequest.of(1000).withRisk(0.03).withCustomers(100_000)
                .withRates(0.0, 0));
        Map<String, RiskPattern> risky = mix.risky();
        assertThat(risky).hasSize(30);
        Await.until("all 1,000 orders in P21", WAIT, () -> inP21(mix.orders()).size() == 1000,
                () -> inP21(mix.orders()).size() + " of 1000");

        Map<String, List<P21Order>> byKey = inP21(mix.orders());
        assertThat(byKey.values()).as("each order created once").allMatch(orders -> orders.size() == 1);
        List<String> riskyHeld = new ArrayList<>();
        List<String> normalHeld = new ArrayList<>();
        for (String id : mix.orders()) {
            P21Order order = byKey.get("xcart:" + id).get(0);
            if (order.held()) {
                assertThat(order.holdReason()).as("held with its score and reasons").startsWith("risk ");
                (risky.containsKey(id) ? riskyHeld : normalHeld).add(id);
            }
        }
        assertThat(riskyHeld.size()).as("risky orders held, of 30").isGreaterThanOrEqualTo(27);
        assertThat(normalHeld.size()).as("normal orders held, of 970").isLessThanOrEqualTo(9);

        String approved = riskyHeld.get(0);
        String rejected = riskyHeld.get(1);
        assertThat(cli("orders", "approve", "xcart:" + approved)).isZero();
        assertThat(cli("orders", "reject", "xcart:" + rejected)).isZero();
        Await.until("the approved order released in P21", WAIT, () -> !p21("xcart:" + approved).held());
        Await.until("the rejected order cancelled in P21", WAIT, () -> p21("xcart:" + rejected).cancelled());
        Await.until("the rejected order cancelled in X-Cart", WAIT,
                () -> xcart.cancelled(xcart.order(rejected).orElseThrow().order()));
        assertThat(p21("xcart:" + approved).cancelled()).isFalse();
        assertThat(inP21(mix.orders()).values()).as("nothing created twice on the way").allMatch(o -> o.size() == 1);
    }

    /** The operator's list of freight forwarders, as a mapping folder holding only that table, applied. */
    private static void applyForwarders(Path folder) throws Exception {
        Files.createDirectories(folder.resolve("tables"));
        StringBuilder csv = new StringBuilder("address,forwarder\n");
        for (FreightForwarder forwarder : FreightForwarder.ADDRESSES) {
            csv.append(forwarder.line1().toUpperCase(Locale.ROOT)).append('|').append(forwarder.postalCode())
                    .append('|').append(forwarder.country()).append(',').append(forwarder.city()).append('\n');
        }
        Files.writeString(folder.resolve("tables/risk-freight-forwarders.csv"), csv);
        assertThat(cli("mapping", "apply", folder.toString())).isZero();
    }

    private static String rulesVersion(String orderKey) {
        ConfluentAvroSerde<Order> serde = new ConfluentAvroSerde<>(
                new SchemaRegistryClient(bridge.system().registry().url()), Order.class);
        for (ConsumerRecord<String, byte[]> record : TopicReader.readToEnd(bridge.system().kafkaBootstrap(),
                "canonical.orders", Duration.ofSeconds(2))) {
            if (orderKey.equals(record.key())) {
                Order order = serde.deserializer().deserialize(record.topic(), record.value());
                return order.getRisk() == null ? null : order.getRisk().getRulesVersion();
            }
        }
        return null;
    }

    private static Map<String, List<P21Order>> inP21(List<String> ids) {
        java.util.Set<String> keys = ids.stream().map(id -> "xcart:" + id).collect(Collectors.toSet());
        return bridge.system().p21().orders().stream().filter(o -> keys.contains(o.webReferenceNo()))
                .collect(Collectors.groupingBy(P21Order::webReferenceNo));
    }

    private static P21Order p21(String key) {
        return bridge.system().p21().orders().stream().filter(o -> key.equals(o.webReferenceNo())).findFirst()
                .orElseThrow();
    }

    private static int cli(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--bootstrap-server", bridge.system().kafkaBootstrap()));
        CommandLine cli = BridgeCli.commandLine();
        StringWriter out = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(out));
        int exit = cli.execute(all.toArray(String[]::new));
        if (exit != 0) {
            System.err.println(String.join(" ", args) + ": " + out);
        }
        return exit;
    }
}
