package dev.p21bridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.p21bridge.app.BridgeCli;
import dev.p21bridge.p21.P21SinkService;
import dev.p21bridge.platform.dlq.DeadLetterFilter;
import dev.p21bridge.platform.dlq.DeadLetterStore;
import dev.p21bridge.platform.topics.Topics;
import dev.p21bridge.platform.webhook.WebhookSignature;
import dev.p21bridge.testing.Await;
import dev.p21bridge.testing.KafkaBrokerExtension;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import picocli.CommandLine;

/**
 * The console's Trace page and "re-sync this order" as an operator uses them, in headless Chromium against a whole
 * bridge (docs/operations.md, 'Tracing an order'): find an order by its buyer's e-mail and see the P21 order number
 * P21 gave it; re-sync it after a confirmation. And re-syncing is exactly once: an order P21 has is not created again,
 * an order whose creation was dead-lettered is created once, from the page's API and from {@code ./bridge resync
 * order}, with and without a console. Screenshots in target/screenshots/.
 */
@Tag("integration")
@ExtendWith(KafkaBrokerExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TraceAndResyncIntegrationTest {

    @RegisterExtension
    static final RunningBridge bridge = RunningBridge.withSettings(Map.of());

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration DEADLINE = Duration.ofSeconds(90);

    @Test
    @Order(1)
    void shouldFindAnOrderByEmailShowItsP21OrderNumberAndResyncItAfterAConfirmation() throws Exception {
        String email = "page.buyer@example.com";
        HttpResponse<String> signUp = post(bridge.system().xcart().url() + "/sim/customers", """
                {"email":"page.buyer@example.com","first_name":"Page","last_name":"Buyer","phone":"555-0100",
                 "address":{"line1":"1 Trace Street","city":"Columbus","state":"OH","zip":"43004"}}""");
        assertThat(signUp.statusCode()).as(signUp.body()).isEqualTo(201);
        HttpResponse<String> checkout = post(bridge.system().xcart().url() + "/sim/checkout",
                "{\"count\":1,\"email\":\"" + email + "\",\"redeliveryRate\":0}");
        assertThat(checkout.statusCode()).as(checkout.body()).isBetween(200, 202);
        String key = "xcart:" + JSON.readTree(checkout.body()).path("orders").get(0).asText();
        String orderNo = awaitP21OrderNo(key);
        awaitProcessed(key);

        try (ConsoleBrowser browser = browser("trace")) {
            browser.logIn(bridge.system().adminToken());
            browser.go("/trace");
            assertThat(browser.text("h1")).isEqualTo("Trace");
            browser.screenshot("search");
            browser.driver().findElement(By.id("q")).sendKeys(email);
            browser.click("#search");
            Await.until("the page shows the order's P21 order number", DEADLINE, () -> {
                if (!browser.driver().findElements(By.id("p21-order-no")).isEmpty()
                        && browser.text("#p21-order-no").equals(orderNo)) {
                    return true;
                }
                browser.go("/trace?q=" + URLEncoder.encode(email, StandardCharsets.UTF_8));
                return false;
            });
            assertThat(browser.text("#p21-order-no")).isEqualTo(simOrderNo(key));
            assertThat(browser.text("#email")).as("in full on the order's own page").isEqualTo(email);
            assertThat(browser.text("#state-p21")).startsWith("found");
            assertThat(browser.text("#state-storefront")).startsWith("found");
            assertThat(browser.text("#path")).contains("webhook", "canonical.orders", "confirmation");
            browser.screenshot("order");

            browser.click("#resync");
            assertThat(browser.text("h1")).isEqualTo("Re-sync " + key + "?");
            browser.screenshot("confirm");
            browser.click("#confirm-resync");
            assertThat(browser.text("#notice")).startsWith("Re-sent " + key + " (offset ")
                    .endsWith("of canonical.orders) to bridge.resync.orders.");
            browser.screenshot("resynced");

            Await.until("the re-sync is confirmed and shows in the order's path", DEADLINE, () -> {
                browser.go("/trace?q=" + key);
                return !browser.driver().findElements(By.cssSelector("#path tr[data-kind=resync]")).isEmpty()
                        && browser.driver().findElements(By.cssSelector("#path tr[data-kind=confirmation]")).size() >= 2;
            });
            // tall enough for the whole path in one picture (docs/images/console-trace.png)
            browser.driver().manage().window().setSize(new Dimension(1280, 1500));
            browser.screenshot("path-after-resync");
        }
        assertThat(p21Orders(key)).as("P21 still has exactly one order for it").hasSize(1);
    }

    @Test
    @Order(2)
    void shouldListSeveralMatchesWithMaskedEmailsAndSayWhatIsWrongWithABadSearch() throws Exception {
        String email = "two.orders@example.com";
        postXCartOrder(772_001, "BV-075-SWT", email);
        postXCartOrder(772_002, "BV-075-SWT", email);
        awaitP21OrderNo("xcart:772001");
        awaitP21OrderNo("xcart:772002");

        try (ConsoleBrowser browser = browser("trace-matches")) {
            browser.logIn(bridge.system().adminToken());
            Await.until("both orders are listed", DEADLINE, () -> {
                browser.go("/trace?q=" + URLEncoder.encode(email, StandardCharsets.UTF_8));
                return !browser.driver().findElements(By.id("matches")).isEmpty()
                        && browser.text("#matches").contains("xcart:772001")
                        && browser.text("#matches").contains("xcart:772002");
            });
            assertThat(browser.text("#matches")).contains("t***@example.com").doesNotContain(email);
            browser.screenshot("matches");
            browser.click("#matches a");
            assertThat(browser.text("#email")).isEqualTo(email);

            browser.go("/trace?q=772002");
            assertThat(browser.text("#order h2")).as("the storefront's own order id finds it").isEqualTo("xcart:772002");
            assertThat(browser.text("#p21-order-no")).isEqualTo(simOrderNo("xcart:772002"));

            browser.go("/trace?q=" + URLEncoder.encode("not a thing", StandardCharsets.UTF_8));
            assertThat(browser.text("#error")).contains("'not a thing' is none of an order key");
            browser.go("/trace?q=xcart:999999999");
            assertThat(browser.text("#error")).startsWith("No order found for order-key xcart:999999999");
            browser.screenshot("not-found");
        }
    }

    @Test
    @Order(3)
    void shouldCreateAnOrderWhoseCreationWasDeadLetteredOnceWhenResyncedAndNeverAgain(@TempDir Path dir)
            throws Exception {
        postXCartOrder(773_001, "RESYNC-ITEM-1", "late.item@example.com");
        DeadLetterStore letters = new DeadLetterStore(clientProperties());
        Await.until("the order for an item P21 lacks is a dead letter", DEADLINE, () -> !letters.list("p21-sink",
                new DeadLetterFilter("rejected-by-target", null, "xcart:773001")).isEmpty());
        awaitProcessed("xcart:773001");
        assertThat(p21Orders("xcart:773001")).isEmpty();
        HttpResponse<String> item = post(bridge.system().p21().url() + "/sim/items",
                "{\"item_id\":\"RESYNC-ITEM-1\",\"item_desc\":\"Added late\",\"list_price\":\"12.50\"}");
        assertThat(item.statusCode()).as(item.body()).isBetween(200, 201);

        Path token = Files.writeString(dir.resolve("admin-token"), bridge.system().adminToken());
        String console = "http://localhost:" + bridge.system().console().port();
        assertThat(cli(0, "resync", "order", "xcart:773001", "--console", console, "--token-file", token.toString()))
                .startsWith("re-sent xcart:773001 (offset ").contains("to bridge.resync.orders");
        Await.until("the re-synced order reaches P21", DEADLINE, () -> p21Orders("xcart:773001").size() == 1);

        // once more, reading canonical.orders without the console: found in P21, not created again
        assertThat(cli(0, "resync", "order", "xcart:773001", "--bootstrap-server", bridge.system().kafkaBootstrap()))
                .startsWith("re-sent xcart:773001");
        Await.until("the second re-sync is confirmed as found in P21", DEADLINE,
                () -> confirmations("xcart:773001").stream().anyMatch(c -> c.path("alreadyExisted").asBoolean()));
        assertThat(p21Orders("xcart:773001")).hasSize(1);
    }

    @Test
    @Order(4)
    void shouldAnswerTheResyncApiWithWhereTheRecordWentAndRefuseBadKeysUnknownOrdersAndNoToken() throws Exception {
        postXCartOrder(774_001, "BV-075-SWT", "api.buyer@example.com");
        awaitP21OrderNo("xcart:774001");
        awaitProcessed("xcart:774001");

        HttpResponse<String> resent = resync("xcart:774001", bridge.system().adminToken());
        assertThat(resent.statusCode()).as(resent.body()).isEqualTo(202);
        JsonNode answer = JSON.readTree(resent.body());
        assertThat(answer.path("topic").asText()).isEqualTo("bridge.resync.orders");
        assertThat(answer.path("sourceTopic").asText()).isEqualTo("canonical.orders");
        assertThat(answer.path("message").asText()).startsWith("re-sent xcart:774001 (offset ");
        Await.until("the re-sync is confirmed as found in P21", DEADLINE,
                () -> confirmations("xcart:774001").stream().anyMatch(c -> c.path("alreadyExisted").asBoolean()));
        assertThat(p21Orders("xcart:774001")).hasSize(1);

        HttpResponse<String> bad = resync("774001", bridge.system().adminToken());
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(bad.body()).path("error").asText()).contains("is not an order key");
        HttpResponse<String> unknown = resync("xcart:999999998", bridge.system().adminToken());
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(unknown.body()).path("error").asText())
                .startsWith("no canonical order for key xcart:999999998");
        assertThat(resync("xcart:774001", "wrong-token").statusCode()).isEqualTo(401);
        assertThat(cliErr(1, "resync", "order", "xcart:999999997", "--bootstrap-server",
                bridge.system().kafkaBootstrap())).contains("no canonical order for key xcart:999999997");
    }

    /** The P21 order number once P21 has the order. */
    private static String awaitP21OrderNo(String orderKey) {
        Await.until(orderKey + " reaches P21", DEADLINE, () -> p21Orders(orderKey).size() == 1);
        return p21Orders(orderKey).get(0).path("order_no").asText();
    }

    /** P21's orders for a storefront order, as {@code GET /sim/orders} lists them. */
    private static List<JsonNode> p21Orders(String orderKey) {
        try {
            HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(bridge.system().p21().url()
                    + "/sim/orders")).GET().build(), HttpResponse.BodyHandlers.ofString());
            List<JsonNode> orders = new ArrayList<>();
            JsonNode body = JSON.readTree(answer.body());
            (body.isArray() ? body : body.path("orders")).forEach(order -> {
                if (order.path("web_reference_no").asText().equals(orderKey)) {
                    orders.add(order);
                }
            });
            return orders;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String simOrderNo(String orderKey) {
        return p21Orders(orderKey).get(0).path("order_no").asText();
    }

    /**
     * Waits until the p21-sink has committed past the order's latest canonical record (the trace index says where it
     * is): only then is a re-sync accepted.
     */
    private static void awaitProcessed(String orderKey) throws Exception {
        try (Admin admin = Admin.create(clientProperties())) {
            Await.until("the p21-sink has processed " + orderKey, DEADLINE, () -> {
                JsonNode order = traced(orderKey);
                if (order == null) {
                    return false;
                }
                long offset = -1;
                int partition = -1;
                for (JsonNode step : order.path("path")) {
                    if (step.path("topic").asText().equals(Topics.CANONICAL_ORDERS.name())) {
                        offset = Math.max(offset, step.path("offset").asLong());
                        partition = step.path("partition").asInt();
                    }
                }
                if (offset < 0) {
                    return false;
                }
                OffsetAndMetadata committed = admin.listConsumerGroupOffsets(P21SinkService.GROUP_ID)
                        .partitionsToOffsetAndMetadata().get().get(new TopicPartition(Topics.CANONICAL_ORDERS.name(),
                                partition));
                return committed != null && committed.offset() > offset;
            });
        }
    }

    private static JsonNode traced(String orderKey) throws Exception {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:"
                        + bridge.system().console().port() + "/api/trace?q=" + orderKey))
                .header("Authorization", "Bearer " + bridge.system().adminToken()).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        return answer.statusCode() == 200 ? JSON.readTree(answer.body()).path("traced").get(0) : null;
    }

    /** The order's confirmations as the trace reads them back. */
    private static List<JsonNode> confirmations(String orderKey) throws Exception {
        List<JsonNode> confirmations = new ArrayList<>();
        JsonNode order = traced(orderKey);
        if (order != null) {
            order.path("path").forEach(step -> {
                if (step.path("kind").asText().equals("confirmation")) {
                    confirmations.add(step.path("record"));
                }
            });
        }
        return confirmations;
    }

    private static HttpResponse<String> resync(String key, String token) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + bridge.system().console().port()
                        + "/api/orders/" + key + "/resync")).header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String cli(int exitCode, String... args) {
        return run(exitCode, args)[0];
    }

    private static String cliErr(int exitCode, String... args) {
        return run(exitCode, args)[1];
    }

    private static String[] run(int exitCode, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = BridgeCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        assertThat(cli.execute(args)).as(out + "\n" + err).isEqualTo(exitCode);
        return new String[] {out.toString(), err.toString()};
    }

    private static ConsoleBrowser browser(String test) throws Exception {
        return ConsoleBrowser.open(test, "http://localhost:" + bridge.system().console().port());
    }

    private static Properties clientProperties() {
        Properties props = new Properties();
        props.put("bootstrap.servers", bridge.system().kafkaBootstrap());
        return props;
    }

    private static HttpResponse<String> post(String url, String json) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void postXCartOrder(long id, String sku, String email) throws Exception {
        JsonNode sample;
        try (InputStream in = TraceAndResyncIntegrationTest.class.getResourceAsStream(
                "/samples/xcart/order.created.json")) {
            sample = JSON.readTree(in);
        }
        String body = JSON.writeValueAsString(sample).replace("\"id\":10452", "\"id\":" + id)
                .replace("\"sku\":\"WSH-0375-Z\"", "\"sku\":\"" + sku + "\"")
                .replace("Dana.Whitfield@Example.com", email);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + bridge.system().ingress().port() + "/webhooks/xcart"))
                .header("Content-Type", "application/json")
                .header("X-Webhook-Id", "evt-" + id)
                .header("X-Webhook-Event", "order.created")
                .header(WebhookSignature.HEADER, WebhookSignature.sign(bytes, Instant.now(), BridgeSystem.XCART_DEV_SECRET))
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    }
}
