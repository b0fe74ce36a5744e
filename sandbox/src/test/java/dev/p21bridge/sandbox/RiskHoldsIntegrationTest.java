package dev.p21bridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.p21bridge.app.BridgeCli;
import dev.p21bridge.app.holds.HoldBook;
import dev.p21bridge.platform.config.Environment;
import dev.p21bridge.platform.config.KafkaConfig;
import dev.p21bridge.platform.holds.Hold;
import dev.p21bridge.platform.holds.HoldState;
import dev.p21bridge.platform.topics.Topics;
import dev.p21bridge.schemas.Address;
import dev.p21bridge.schemas.ChangeType;
import dev.p21bridge.schemas.Contact;
import dev.p21bridge.schemas.FulfillmentStatus;
import dev.p21bridge.schemas.Order;
import dev.p21bridge.schemas.OrderLine;
import dev.p21bridge.schemas.P21OrderDefaults;
import dev.p21bridge.schemas.PaymentInfo;
import dev.p21bridge.schemas.PaymentStatus;
import dev.p21bridge.schemas.RiskAction;
import dev.p21bridge.schemas.RiskAssessment;
import dev.p21bridge.schemas.RiskReason;
import dev.p21bridge.schemas.Source;
import dev.p21bridge.schemas.Totals;
import dev.p21bridge.schemas.serde.ConfluentAvroSerializer;
import dev.p21bridge.schemas.serde.SchemaRegistryClient;
import dev.p21bridge.simulators.p21.P21Order;
import dev.p21bridge.simulators.storefront.CheckoutRequest;
import dev.p21bridge.simulators.storefront.StorefrontSimulator;
import dev.p21bridge.testing.Await;
import dev.p21bridge.testing.KafkaBrokerExtension;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine;

/**
 * Orders held for review end to end (docs/risk.md, "Holds"), with the risk score set by the test instead of the
 * transformer's scorer: X-Cart orders placed with the store's webhooks off, then written to canonical.orders as the
 * transformer writes them, three scored HOLD and one REJECT. P21 has each held order once, on hold with its reasons;
 * {@code ./bridge orders held} and {@code GET /api/holds} list them; approving releases one in P21, rejecting
 * cancels one in P21 and then in the store, the console's Holds page (headless Chromium) approves the third after its
 * confirmation; the rejected order never reaches P21 and is cancelled in the store.
 */
@Tag("integration")
@ExtendWith(KafkaBrokerExtension.class)
class RiskHoldsIntegrationTest {

    @RegisterExtension
    static final RunningBridge bridge = RunningBridge.withSettings(Map.of());

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void shouldHoldApproveRejectAndRefuseOrdersByTheirRiskScoreOnceEach() throws Exception {
        StorefrontSimulator xcart = bridge.system().xcart();
        xcart.webhooksEnabled(false);
        List<String> ids = xcart.checkout(CheckoutRequest.of(4).withRates(0.0, 0));
        assertThat(ids).hasSize(4);
        String approved = "xcart:" + ids.get(0);
        String rejected = "xcart:" + ids.get(1);
        String onPage = "xcart:" + ids.get(2);
        String refused = "xcart:" + ids.get(3);
        try (KafkaProducer<String, byte[]> producer = producer()) {
            ConfluentAvroSerializer<Order> serializer = new ConfluentAvroSerializer<>(
                    new SchemaRegistryClient(bridge.system().registry().url()), Order.class);
            for (int i = 0; i < ids.size(); i++) {
                Order order = canonical(xcart, ids.get(i), i == 3 ? RiskAction.REJECT : RiskAction.HOLD);
                producer.send(new ProducerRecord<>(Topics.CANONICAL_ORDERS.name(), order.getOrderKey(),
                        serializer.serialize(Topics.CANONICAL_ORDERS.name(), order))).get();
            }
        }

        for (String key : List.of(approved, rejected, onPage)) {
            P21Order held = awaitP21Order(key);
            assertThat(held.status()).as(key).isEqualTo("held");
            assertThat(held.holdReason()).as(key)
                    .isEqualTo("risk 72: velocity-email 5 orders in 10 min; country-mismatch US/NG");
        }
        Await.until("the rejected order cancelled in X-Cart", WAIT,
                () -> xcart.cancelled(xcart.order(ids.get(3)).orElseThrow().order()));
        assertThat(p21Orders(refused)).as("a rejected order is not created in P21").isEmpty();

        Await.until("./bridge orders held lists the three", WAIT, () -> heldKeys().containsAll(
                List.of(approved, rejected, onPage)));
        assertThat(heldKeys()).doesNotContain(refused);
        HttpResponse<String> listed = api("GET", "/api/holds", true);
        assertThat(listed.statusCode()).isEqualTo(200);
        JsonNode holds = JSON.readTree(listed.body());
        assertThat(holds).hasSize(3);
        assertThat(holds.get(0).path("reasons").get(0).asText()).isEqualTo("velocity-email 5 orders in 10 min (40)");
        assertThat(api("GET", "/api/holds", false).statusCode()).isEqualTo(401);

        if ("true".equalsIgnoreCase(System.getenv(ConsoleBrowser.SKIP))) {
            assertThat(cli("orders", "approve", onPage)).isEqualTo(0);
        } else {
            approveOnTheHoldsPage(onPage, List.of(approved, rejected, onPage), refused);
        }
        assertThat(cli("orders", "approve", approved)).isEqualTo(0);
        assertThat(api("POST", "/api/holds/" + rejected + "/reject", true).statusCode()).isEqualTo(200);
        assertThat(api("POST", "/api/holds/" + rejected + "/approve", true).statusCode())
                .as("decided already").isEqualTo(409);
        assertThat(api("POST", "/api/holds/xcart:no-such-order/approve", true).statusCode()).isEqualTo(404);
        assertThat(api("POST", "/api/holds/not-a-key/approve", true).statusCode()).isEqualTo(400);
        assertThat(cli("orders", "reject", refused)).as("never held").isEqualTo(1);

        Await.until("the approved order released in P21", WAIT,
                () -> "open".equals(p21Orders(approved).get(0).status()), () -> p21Orders(approved).get(0).status());
        Await.until("the rejected order cancelled in P21", WAIT,
                () -> "cancelled".equals(p21Orders(rejected).get(0).status()));
        Await.until("the rejected order cancelled in X-Cart", WAIT,
                () -> xcart.cancelled(xcart.order(ids.get(1)).orElseThrow().order()));
        Await.until("the sink recorded the outcomes", WAIT, () -> state(approved) == HoldState.RELEASED
                && state(rejected) == HoldState.CANCELLED && state(onPage) == HoldState.RELEASED);
        assertThat(p21Orders(onPage).get(0).status()).as("approved on the console's page").isEqualTo("open");
        assertThat(xcart.cancelled(xcart.order(ids.get(0)).orElseThrow().order())).isFalse();
        for (String key : List.of(approved, rejected, onPage)) {
            assertThat(p21Orders(key)).as("created once: " + key).hasSize(1);
        }
        assertThat(heldKeys()).isEmpty();
    }

    /** The Holds page lists {@code listed} with their reasons; its Approve button and confirmation approve {@code key}. */
    private static void approveOnTheHoldsPage(String key, List<String> listed, String absent) throws Exception {
        try (ConsoleBrowser browser = ConsoleBrowser.open("holds",
                "http://localhost:" + bridge.system().console().port())) {
            browser.logIn(bridge.system().adminToken());
            browser.go("/holds");
            assertThat(browser.text("#holds")).contains(listed).contains("velocity-email 5 orders in 10 min (40)",
                    "country-mismatch US/NG (32)").doesNotContain(absent);
            browser.screenshot("list");
            browser.click("tr[data-key='" + key + "'] button.approve");
            assertThat(browser.text("h1")).isEqualTo("Approve " + key + "?");
            browser.screenshot("confirm");
            browser.click("#confirm-decision");
            assertThat(browser.text("#holds-notice")).startsWith(key + " approved");
        }
    }

    /** The store's order in canonical form, as the transformer maps it, scored 72 with {@code action}. */
    private static Order canonical(StorefrontSimulator store, String id,
                                   RiskAction action) {
        var order = store.order(id).orElseThrow().order();
        var buyer = order.customer();
        List<OrderLine> lines = new ArrayList<>();
        BigDecimal subtotal = BigDecimal.ZERO;
        for (var line : order.lines()) {
            BigDecimal quantity = BigDecimal.valueOf(line.quantity());
            BigDecimal extended = line.price().multiply(quantity);
            subtotal = subtotal.add(extended);
            lines.add(new OrderLine(lines.size() + 1, null, line.sku(), line.sku(), line.name(), money(quantity),
                    money(line.price()), money(BigDecimal.ZERO), money(extended)));
        }
        Instant now = Instant.now();
        var ship = buyer.shipping();
        return Order.newBuilder()
                .setOrderKey("xcart:" + id).setSource(Source.XCART).setSourceEventId(UUID.randomUUID().toString())
                .setChangeType(ChangeType.CREATED).setEventTime(now).setOrderId(id).setOrderNumber(id)
                .setOrderDate(now)
                .setCustomer(new Contact(buyer.email(), buyer.firstName(), buyer.lastName(), buyer.company(),
                        buyer.phone()))
                .setShippingAddress(new Address(ship.name(), ship.company(), ship.line1(), ship.line2(), ship.city(),
                        ship.state(), ship.zip(), "US", ship.phone()))
                .setLines(lines)
                .setTotals(new Totals(money(subtotal), money(BigDecimal.ZERO), money(BigDecimal.ZERO),
                        money(BigDecimal.ZERO), money(subtotal)))
                .setCurrency("USD")
                .setPayment(new PaymentInfo("Credit Card", null, null, "pi_" + id, money(subtotal), PaymentStatus.PAID,
                        null))
                .setFulfillmentStatus(FulfillmentStatus.NEW)
                .setP21(new P21OrderDefaults("10", "10", "WEB", LocalDate.now(ZoneOffset.UTC).plusDays(1), null, null))
                .setRisk(new RiskAssessment(72, action, List.of(
                        new RiskReason("velocity-email", "5 orders in 10 min", 40),
                        new RiskReason("country-mismatch", "US/NG", 32)), null))
                .build();
    }

    private static BigDecimal money(BigDecimal value) {
        return value.setScale(4, RoundingMode.HALF_UP);
    }

    private static KafkaProducer<String, byte[]> producer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bridge.system().kafkaBootstrap());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(props, new StringSerializer(),
                new org.apache.kafka.common.serialization.ByteArraySerializer());
    }

    private static P21Order awaitP21Order(String reference) {
        Await.until("P21 order of " + reference, WAIT, () -> !p21Orders(reference).isEmpty());
        return p21Orders(reference).get(0);
    }

    private static List<P21Order> p21Orders(String reference) {
        return bridge.system().p21().orders().stream().filter(o -> reference.equals(o.webReferenceNo())).toList();
    }

    private static HoldState state(String key) {
        return new HoldBook(KafkaConfig.from(new Environment(Map.of(KafkaConfig.BOOTSTRAP.name(),
                bridge.system().kafkaBootstrap())))).find(key).map(Hold::state).orElse(null);
    }

    /** The keys {@code ./bridge orders held --json} lists. */
    private static List<String> heldKeys() {
        StringWriter out = new StringWriter();
        CommandLine cli = BridgeCli.commandLine();
        cli.setOut(new PrintWriter(out));
        assertThat(cli.execute("orders", "held", "--json", "--bootstrap-server", bridge.system().kafkaBootstrap()))
                .isZero();
        List<String> keys = new ArrayList<>();
        try {
            JSON.readTree(out.toString()).forEach(hold -> {
                if ("held".equals(hold.path("state").asText())) {
                    keys.add(hold.path("orderKey").asText());
                }
            });
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + out, e);
        }
        return keys;
    }

    private static int cli(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--bootstrap-server", bridge.system().kafkaBootstrap()));
        CommandLine cli = BridgeCli.commandLine();
        cli.setOut(new PrintWriter(new StringWriter()));
        cli.setErr(new PrintWriter(new StringWriter()));
        return cli.execute(all.toArray(String[]::new));
    }

    private HttpResponse<String> api(String method, String path, boolean authorized) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + bridge.system().console().port() + path)).method(method, HttpRequest.BodyPublishers.noBody());
        if (authorized) {
            request.header("Authorization", "Bearer " + bridge.system().adminToken());
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
