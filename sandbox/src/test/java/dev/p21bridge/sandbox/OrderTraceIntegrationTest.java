package dev.p21bridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.p21bridge.app.BridgeCli;
import dev.p21bridge.platform.webhook.WebhookSignature;
import dev.p21bridge.simulators.p21.P21Order;
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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Tracing an order as an operator does (docs/operations.md, 'Tracing an order'): orders placed through the webhooks
 * are found by order key, by e-mail and by P21 order number, with their webhook, canonical record and confirmation;
 * an order P21 refused shows its dead letter and why.
 */
@Tag("integration")
@ExtendWith(KafkaBrokerExtension.class)
class OrderTraceIntegrationTest {

    @RegisterExtension
    static final RunningBridge bridge = RunningBridge.withSettings(Map.of());

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EMAIL = "trace.buyer@example.com";

    @BeforeAll
    static void placeOrders() throws Exception {
        postXCartOrder(555_001, "BV-075-SWT");
        postXCartOrder(555_002, "NO-SUCH-ITEM-9");
        Await.until(Duration.ofSeconds(60), () -> p21Order("xcart:555001") != null);
    }

    @Test
    void shouldFindAnOrderByItsKeyWithItsWebhookCanonicalRecordAndConfirmation() throws Exception {
        String orderNo = p21Order("xcart:555001").orderNo();
        JsonNode order = traced("xcart:555001", "confirmation");

        assertThat(order.path("p21OrderNo").asText()).isEqualTo(orderNo);
        assertThat(order.path("email").asText()).isEqualTo(EMAIL);
        assertThat(kinds(order)).containsSubsequence("webhook", "order", "confirmation");
        JsonNode canonical = step(order, "order");
        assertThat(canonical.path("topic").asText()).isEqualTo("canonical.orders");
        assertThat(canonical.path("record").path("orderKey").asText()).isEqualTo("xcart:555001");
        assertThat(canonical.path("record").path("customer").path("email").asText()).isEqualTo(EMAIL);
        assertThat(step(order, "confirmation").path("record").path("p21OrderNo").asText()).isEqualTo(orderNo);
        assertThat(order.path("p21").path("status").asText()).isEqualTo("found");
        assertThat(order.path("p21").path("detail").path("order_no").asText()).isEqualTo(orderNo);
    }

    @Test
    void shouldFindTheOrderByEmailWithTheEmailMaskedInTheMatchesAndByP21OrderNumber() throws Exception {
        traced("xcart:555001", "confirmation");
        JsonNode[] found = new JsonNode[1];
        Await.until(Duration.ofSeconds(60), () -> {
            HttpResponse<String> byEmail = trace(EMAIL, bridge.system().adminToken());
            found[0] = byEmail.statusCode() == 200 ? JSON.readTree(byEmail.body()) : null;
            return found[0] != null && found[0].path("matches").size() == 2;
        });
        JsonNode answer = found[0];
        assertThat(answer.path("matches").findValuesAsText("orderKey")).contains("xcart:555001", "xcart:555002");
        assertThat(answer.path("matches").findValuesAsText("email")).containsOnly("t***@example.com");
        assertThat(answer.path("traced").findValuesAsText("orderKey")).contains("xcart:555001");

        String orderNo = p21Order("xcart:555001").orderNo();
        JsonNode byOrderNo = JSON.readTree(trace(orderNo, bridge.system().adminToken()).body());
        assertThat(byOrderNo.path("matches").get(0).path("orderKey").asText()).isEqualTo("xcart:555001");
        assertThat(byOrderNo.path("traced").get(0).path("p21OrderNo").asText()).isEqualTo(orderNo);
    }

    @Test
    void shouldShowTheDeadLetterOfAnOrderP21RefusedWithItsReason() throws Exception {
        JsonNode order = traced("xcart:555002", "dead-letter");
        JsonNode letter = step(order, "dead-letter");

        assertThat(letter.path("topic").asText()).isEqualTo("dlq.p21-sink");
        assertThat(letter.path("deadLetter").path("errorClass").asText()).isEqualTo("rejected-by-target");
        assertThat(letter.path("deadLetter").path("reason").asText()).contains("NO-SUCH-ITEM-9");
        assertThat(order.path("p21").path("status").asText()).isEqualTo("not-found");
    }

    @Test
    void shouldAnswer400ForABadQuery404ForNothingFoundAnd401WithoutTheToken() throws Exception {
        HttpResponse<String> bad = trace("no such thing", bridge.system().adminToken());
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(bad.body()).path("error").asText()).contains("none of an order key");
        HttpResponse<String> none = trace("xcart:999999999", bridge.system().adminToken());
        assertThat(none.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(none.body()).path("error").asText()).contains("no order found");
        assertThat(trace("xcart:555001", "wrong-token").statusCode()).isEqualTo(401);
    }

    @Test
    void shouldPrintTheSameFromTheCommandLineByScanningAndByAskingTheConsole(@TempDir Path dir) throws Exception {
        String orderNo = p21Order("xcart:555001").orderNo();
        traced("xcart:555001", "confirmation");

        String scanned = cli("trace", "xcart:555001", "--bootstrap-server", bridge.system().kafkaBootstrap(),
                "--schema-registry", bridge.system().registry().url());
        assertThat(scanned).contains("xcart:555001  P21 order " + orderNo, "webhook", "canonical.orders",
                "confirmation", "1 order(s) matched order-key xcart:555001");

        Path token = Files.writeString(dir.resolve("admin-token"), bridge.system().adminToken());
        String asked = cli("trace", EMAIL, "--console", "http://localhost:" + bridge.system().console().port(),
                "--token-file", token.toString(), "--json");
        List<String> p21OrderNos = new ArrayList<>();
        JSON.readTree(asked).path("traced").forEach(order -> {
            if (order.path("orderKey").asText().equals("xcart:555001")) {
                p21OrderNos.add(order.path("p21OrderNo").asText());
            }
        });
        assertThat(p21OrderNos).containsExactly(orderNo);
    }

    /** The order's trace once the index holds a record of {@code kind} for it. */
    private static JsonNode traced(String orderKey, String kind) throws Exception {
        JsonNode[] found = new JsonNode[1];
        Await.until(Duration.ofSeconds(60), () -> {
            HttpResponse<String> answer = trace(orderKey, bridge.system().adminToken());
            if (answer.statusCode() != 200) {
                return false;
            }
            found[0] = JSON.readTree(answer.body()).path("traced").get(0);
            return kinds(found[0]).contains(kind);
        });
        return found[0];
    }

    private static List<String> kinds(JsonNode order) {
        List<String> kinds = new ArrayList<>();
        order.path("path").forEach(step -> kinds.add(step.path("kind").asText()));
        return kinds;
    }

    private static JsonNode step(JsonNode order, String kind) {
        for (JsonNode step : order.path("path")) {
            if (step.path("kind").asText().equals(kind)) {
                return step;
            }
        }
        throw new AssertionError("no " + kind + " in " + order.path("path"));
    }

    private static HttpResponse<String> trace(String q, String token) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + bridge.system().console().port()
                            + "/api/trace?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8)))
                    .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static P21Order p21Order(String orderKey) {
        return bridge.system().p21().orders().stream().filter(o -> o.webReferenceNo().equals(orderKey)).findFirst()
                .orElse(null);
    }

    private static String cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = BridgeCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        assertThat(cli.execute(args)).as(out + "\n" + err).isZero();
        return out.toString();
    }

    private static void postXCartOrder(long id, String sku) throws Exception {
        JsonNode sample;
        try (InputStream in = OrderTraceIntegrationTest.class.getResourceAsStream("/samples/xcart/order.created.json")) {
            sample = JSON.readTree(in);
        }
        String body = JSON.writeValueAsString(sample).replace("\"id\":10452", "\"id\":" + id)
                .replace("\"sku\":\"WSH-0375-Z\"", "\"sku\":\"" + sku + "\"")
                .replace("Dana.Whitfield@Example.com", EMAIL);
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
