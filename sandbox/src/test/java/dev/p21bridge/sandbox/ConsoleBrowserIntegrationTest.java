package dev.p21bridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.p21bridge.app.console.StandaloneConsole;
import dev.p21bridge.platform.config.Environment;
import dev.p21bridge.platform.dlq.DeadLetterFilter;
import dev.p21bridge.platform.dlq.DeadLetterStore;
import dev.p21bridge.platform.webhook.WebhookSignature;
import dev.p21bridge.testing.Await;
import dev.p21bridge.testing.KafkaBrokerExtension;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.StaleElementReferenceException;

/**
 * The ops console as a person uses it, in headless Chromium against a whole bridge ({@code ./bridge up}'s
 * {@link BridgeSystem}): log in and out, watch a flow's rate rise while orders flow, open a dead letter and replay it
 * (once), and an API call without the token is refused. Each step leaves a screenshot in target/screenshots/. Also the
 * console as {@code ./bridge run console} starts it, beside the bridge, reading Kafka only.
 */
@Tag("integration")
@ExtendWith(KafkaBrokerExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserIntegrationTest {

    @RegisterExtension
    static final RunningBridge bridge = RunningBridge.withSettings(Map.of("BRIDGE_CONSOLE_SAMPLE_INTERVAL", "1s"));

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration DEADLINE = Duration.ofSeconds(90);

    @Test
    @Order(1)
    void shouldShowAFlowsRateRiseWhileOrdersFlow() throws Exception {
        try (ConsoleBrowser browser = browser("flows")) {
            browser.logIn(bridge.system().adminToken());
            assertThat(browser.path()).isEqualTo("/flows");
            assertThat(rate(browser, "p21-orders")).isZero();

            HttpResponse<String> checkout = post(bridge.system().xcart().url() + "/sim/checkout",
                    "{\"count\":5,\"redeliveryRate\":0}");
            assertThat(checkout.statusCode()).as(checkout.body()).isBetween(200, 202);

            // the page refreshes its rows by itself (htmx): no reload here
            Await.until("the P21 orders' rate on the page rises above 0", DEADLINE,
                    () -> rate(browser, "p21-orders") > 0 && rate(browser, "webhooks-xcart") > 0,
                    () -> shown(browser, "flows-failed"));
            Await.until("the sparkline is drawn", DEADLINE, () -> !browser.driver()
                    .findElements(By.cssSelector("#flow-p21-orders .spark canvas")).isEmpty());
            assertThat(browser.text("#flow-p21-orders")).contains("CLOSED");
            browser.screenshot("flows");
        }
    }

    @Test
    @Order(2)
    void shouldLogInAndOut() throws Exception {
        try (ConsoleBrowser browser = browser("login")) {
            browser.go("/flows");
            assertThat(browser.path()).startsWith("/login");
            browser.screenshot("login");

            browser.logIn("not-the-token");
            assertThat(browser.text(".error")).contains("not the admin token");

            browser.logIn(bridge.system().adminToken());
            assertThat(browser.path()).isEqualTo("/flows");
            assertThat(browser.text("h1")).isEqualTo("Flows");
            assertThat(browser.text("nav")).contains("Flows", "Dead letters", "Trace", "Reconciliation", "Holds",
                    "Alerts", "Log out");
            browser.go("/reconciliation");
            assertThat(browser.text("h1")).isEqualTo("Reconciliation");
            browser.screenshot("reconciliation");
            browser.go("/holds");
            assertThat(browser.text("h1")).isEqualTo("Holds");
            assertThat(browser.text("#no-holds")).contains("No order is held for review");
            browser.screenshot("holds");
            browser.go("/alerts");
            assertThat(browser.text("h1")).isEqualTo("Alerts");
            assertThat(browser.text("#alerts")).contains("p21-circuit-open", "hold-waiting");
            browser.screenshot("alerts");

            browser.click("#logout");
            assertThat(browser.path()).startsWith("/login");
            browser.go("/dead-letters");
            assertThat(browser.path()).startsWith("/login");
        }
    }

    @Test
    @Order(3)
    void shouldOpenADeadLetterAndReplayItOnce() throws Exception {
        postXCartOrder(990_001, "NEW-ITEM-9");
        DeadLetterStore store = new DeadLetterStore(clientProperties());
        Await.until("the order for an unknown item is a dead letter", DEADLINE, () -> !store.list("p21-sink",
                new DeadLetterFilter("rejected-by-target", null, "xcart:990001")).isEmpty());
        createP21Item("NEW-ITEM-9");

        try (ConsoleBrowser browser = browser("dead-letters")) {
            browser.logIn(bridge.system().adminToken());
            browser.go("/dead-letters?service=p21-sink&key=xcart:990001");
            browser.screenshot("list");
            browser.click("#dead-letters tbody a, #dead-letters td a");
            assertThat(browser.text("#reason")).contains("xcart:990001", "rejected-by-target", "NEW-ITEM-9", "not yet");
            assertThat(browser.text("#value")).contains("990001").doesNotContainPattern("[A-Za-z0-9._%+-]{2,}@");
            assertThat(browser.text("#headers")).contains("dlq.error.class");
            browser.screenshot("letter");

            browser.click("#replay-one");
            assertThat(browser.text("h1")).startsWith("Replay 1 dead letter");
            browser.screenshot("confirm");
            browser.click("#confirm-replay");
            assertThat(browser.text("#notice")).isEqualTo("Replayed 1, skipped 0.");
            browser.screenshot("replayed");
            Await.until("the replayed order reaches P21", DEADLINE, () -> bridge.system().p21().orders().stream()
                    .anyMatch(order -> order.webReferenceNo().equals("xcart:990001")));

            browser.go("/dead-letters?service=p21-sink&key=xcart:990001&show=all");
            browser.click("#dead-letters td a");
            assertThat(browser.text("#replayed")).doesNotContain("not yet");
            browser.click("#replay-one");
            browser.click("#confirm-replay");
            assertThat(browser.text("#notice")).startsWith("Replayed 0, skipped 1");
        }
        assertThat(bridge.system().p21().orders().stream()
                .filter(order -> order.webReferenceNo().equals("xcart:990001"))).hasSize(1);
    }

    @Test
    @Order(4)
    void shouldAnswer401ToAnApiCallWithoutTheToken() throws Exception {
        String flows = "http://localhost:" + bridge.system().console().port() + "/api/flows";
        assertThat(HTTP.send(HttpRequest.newBuilder(URI.create(flows)).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode()).isEqualTo(401);
        HttpResponse<String> withToken = HTTP.send(HttpRequest.newBuilder(URI.create(flows))
                .header("Authorization", "Bearer " + bridge.system().adminToken()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(withToken.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(withToken.body()).findValuesAsText("name")).contains("p21-orders", "webhooks-xcart",
                "transformer", "stock", "shipments", "customers", "payments", "returns");

        try (ConsoleBrowser browser = browser("api")) {
            // a logged-in browser's cookie does not open the API either
            browser.logIn(bridge.system().adminToken());
            browser.go("/api/flows");
            assertThat(browser.driver().getPageSource()).contains("Authorization: Bearer");
            browser.screenshot("401");
        }
    }

    @Test
    @Order(5)
    void shouldServeTheFlowsFromKafkaAloneWhenRunAsItsOwnService() throws Exception {
        Map<String, String> env = Map.of("BRIDGE_ADMIN_TOKEN", "standalone-token",
                "BRIDGE_KAFKA_BOOTSTRAP", bridge.system().kafkaBootstrap(),
                "BRIDGE_SCHEMA_REGISTRY_URL", bridge.system().registry().url(), "BRIDGE_CONSOLE_SAMPLE_INTERVAL", "1s");
        // what ./bridge run console starts
        try (StandaloneConsole console = StandaloneConsole.start(new Environment(env), 0)) {
            URI flows = URI.create("http://localhost:" + console.port() + "/api/flows");
            assertThat(HTTP.send(HttpRequest.newBuilder(flows).build(), HttpResponse.BodyHandlers.ofString()).statusCode())
                    .isEqualTo(401);
            HttpRequest withToken = HttpRequest.newBuilder(flows).header("Authorization", "Bearer standalone-token").build();
            Await.until("the standalone console's first samples", DEADLINE, () -> !JSON.readTree(
                    HTTP.send(withToken, HttpResponse.BodyHandlers.ofString()).body()).get(3).path("lag").isNull());

            JsonNode orders = JSON.readTree(HTTP.send(withToken, HttpResponse.BodyHandlers.ofString()).body()).get(3);
            assertThat(orders.path("name").asText()).isEqualTo("p21-orders");
            assertThat(orders.path("rateFrom").asText()).as("no shared registry: Kafka's offsets").isEqualTo("kafka");
            assertThat(orders.path("circuit").isNull()).as("circuits are on the services' own /metrics").isTrue();
        }
    }

    /** What the page and the API show, for a failure's message (with a screenshot of the page). */
    private static String shown(ConsoleBrowser browser, String screenshot) {
        browser.screenshot(screenshot);
        try {
            return "page: " + browser.text("#flows") + "\napi: " + HTTP.send(HttpRequest.newBuilder(URI.create(
                    "http://localhost:" + bridge.system().console().port() + "/api/flows"))
                    .header("Authorization", "Bearer " + bridge.system().adminToken()).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (Exception e) {
            return e.toString();
        }
    }

    private static ConsoleBrowser browser(String test) throws Exception {
        return ConsoleBrowser.open(test, "http://localhost:" + bridge.system().console().port());
    }

    /** The flow's rate as the page shows it now (its rows are replaced every few seconds). */
    private static double rate(ConsoleBrowser browser, String flow) {
        try {
            return Double.parseDouble(browser.driver().findElement(By.cssSelector("#flow-" + flow))
                    .getAttribute("data-rate"));
        } catch (NoSuchElementException | StaleElementReferenceException e) {
            return -1;
        }
    }

    private static Properties clientProperties() {
        Properties props = new Properties();
        props.put("bootstrap.servers", bridge.system().kafkaBootstrap());
        return props;
    }

    private static void createP21Item(String sku) throws Exception {
        HttpResponse<String> item = post(bridge.system().p21().url() + "/sim/items",
                "{\"item_id\":\"" + sku + "\",\"item_desc\":\"New item\",\"list_price\":\"24.95\"}");
        assertThat(item.statusCode()).as(item.body()).isBetween(200, 201);
    }

    private static HttpResponse<String> post(String url, String json) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void postXCartOrder(long id, String sku) throws Exception {
        JsonNode sample;
        try (InputStream in = ConsoleBrowserIntegrationTest.class.getResourceAsStream("/samples/xcart/order.created.json")) {
            sample = JSON.readTree(in);
        }
        String body = JSON.writeValueAsString(sample).replace("\"id\":10452", "\"id\":" + id)
                .replace("\"sku\":\"WSH-0375-Z\"", "\"sku\":\"" + sku + "\"");
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
