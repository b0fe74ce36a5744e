package dev.p21bridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.p21bridge.platform.dlq.DeadLetterEntry;
import dev.p21bridge.platform.dlq.DeadLetterFilter;
import dev.p21bridge.platform.dlq.DeadLetterStore;
import dev.p21bridge.platform.webhook.WebhookSignature;
import dev.p21bridge.testing.Await;
import dev.p21bridge.testing.KafkaBrokerExtension;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile webhooks, each sent with a valid signature (as an attacker who holds one secret would) to the whole system
 * as {@code ./bridge up} runs it: each is answered as docs/limits.md says (a 4xx at the edge, or a 202 and then a
 * dead letter of the right class further in), and a normal order sent right after it still reaches P21 within 30 s.
 * Nothing a single webhook carries may stall a flow for anyone else.
 */
@Tag("integration")
@ExtendWith(KafkaBrokerExtension.class)
class HostileWebhooksIntegrationTest {

    @RegisterExtension
    static final RunningBridge bridge = RunningBridge.withSettings(Map.of());

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final AtomicLong HOSTILE_IDS = new AtomicLong(880_000);
    private static final AtomicLong NORMAL_IDS = new AtomicLong(990_000);
    private static final String SAMPLE = sample();
    /** Signed at the moment of sending. */
    private static final long NOW = 0;

    /** A hostile delivery: its order id, body, content type, signature time, and what the system must make of it. */
    record Hostile(String name, long id, byte[] body, String contentType, long signedAt, int status,
                   String deadLetterClass) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Hostile> hostileWebhooks() {
        return Stream.of(
                accepted("a price of 1e1000000000", order -> order.replace("\"price\": 24.95",
                        "\"price\": 1e1000000000"), "validation"),
                accepted("a 600 KB bad country in a 700 KB body", order -> order.replaceFirst("\"country\": \"US\"",
                        "\"country\": \"" + "X".repeat(600_000) + "\""), "validation"),
                accepted("a 600 KB first name", order -> order.replaceFirst("\"firstname\": \"Dana\"",
                        "\"firstname\": \"" + "D".repeat(600_000) + "\""), "validation"),
                accepted("an e-mail with a Kelvin sign", order -> order.replace("Example.com", "Example.\u212Aom"),
                        "validation"),
                accepted("503 order lines", HostileWebhooksIntegrationTest::manyLines, "validation"),
                refused("the sample in UTF-32", order -> order, Charset.forName("UTF-32"), "application/json", 400),
                refused("10,000 nested arrays", order -> order.replace("\"notes\": \"Leave at dock 4\"",
                        "\"notes\": " + "[".repeat(10_000) + "]".repeat(10_000)), StandardCharsets.UTF_8,
                        "application/json", 400),
                refused("a second id key", order -> order.replaceFirst("\"id\": (\\d+),", "\"id\": $1, \"id\": 1,"),
                        StandardCharsets.UTF_8, "application/json", 400),
                refused("a body that is not JSON", order -> order.substring(0, order.length() / 2),
                        StandardCharsets.UTF_8, "application/json", 400),
                refused("a body of 2 MiB", order -> order.replace("Leave at dock 4", "x".repeat(2 * 1024 * 1024)),
                        StandardCharsets.UTF_8, "application/json", 413),
                refused("a text/plain body", order -> order, StandardCharsets.UTF_8, "text/plain", 415),
                invalidUtf8(),
                new Hostile("a signature time of Long.MIN_VALUE", HOSTILE_IDS.incrementAndGet(),
                        SAMPLE.getBytes(StandardCharsets.UTF_8), "application/json", Long.MIN_VALUE, 401, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileWebhooks")
    void shouldAnswerTheHostileWebhookAndStillTakeTheNextOrderToP21(Hostile hostile) throws Exception {
        HttpResponse<String> answer = send(hostile.body(), hostile.contentType(), hostile.signedAt(),
                "hostile-" + hostile.id());

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(hostile.status());
        if (hostile.deadLetterClass() != null) {
            String key = Long.toString(hostile.id());
            Await.until("the dead letter of " + hostile.name(), Duration.ofSeconds(30),
                    () -> deadLetters(key).stream().anyMatch(l -> hostile.deadLetterClass().equals(l.errorClass())),
                    () -> "dead letters of key " + key + ": " + deadLetters(key).stream()
                            .map(l -> l.errorClass() + " " + l.message()).toList());
        }

        long next = NORMAL_IDS.incrementAndGet();
        byte[] normal = withId(SAMPLE, next).getBytes(StandardCharsets.UTF_8);
        assertThat(send(normal, "application/json", NOW, "normal-" + next).statusCode()).isEqualTo(202);
        Await.until("the order after " + hostile.name() + " in P21", Duration.ofSeconds(30),
                () -> bridge.system().p21().orders().stream()
                        .anyMatch(order -> ("xcart:" + next).equals(order.webReferenceNo())));
    }

    /** Answered 202 (well-formed JSON within the ingress's limits), then a dead letter of {@code deadLetterClass}. */
    private static Hostile accepted(String name, UnaryOperator<String> shape, String deadLetterClass) {
        long id = HOSTILE_IDS.incrementAndGet();
        return new Hostile(name, id, shape.apply(withId(SAMPLE, id)).getBytes(StandardCharsets.UTF_8),
                "application/json", NOW, 202, deadLetterClass);
    }

    private static Hostile refused(String name, UnaryOperator<String> shape, Charset charset, String contentType,
                                   int status) {
        long id = HOSTILE_IDS.incrementAndGet();
        return new Hostile(name, id, shape.apply(withId(SAMPLE, id)).getBytes(charset), contentType, NOW, status, null);
    }

    private static Hostile invalidUtf8() {
        long id = HOSTILE_IDS.incrementAndGet();
        byte[] sample = withId(SAMPLE, id).getBytes(StandardCharsets.UTF_8);
        int at = withId(SAMPLE, id).indexOf("Whitfield");
        byte[] body = new byte[sample.length + 2];
        System.arraycopy(sample, 0, body, 0, at);
        body[at] = (byte) 0xC3;
        body[at + 1] = (byte) 0x28;
        System.arraycopy(sample, at, body, at + 2, sample.length - at);
        return new Hostile("invalid UTF-8 in a name", id, body, "application/json", NOW, 400, null);
    }

    /** The sample as an order of its own. */
    private static String withId(String order, long id) {
        return order.replace("\"id\": 10452,", "\"id\": " + id + ",")
                .replace("\"order_number\": \"10452\"", "\"order_number\": \"" + id + "\"");
    }

    private static String manyLines(String order) {
        String line = "{\"id\": 1, \"product_id\": 301, \"sku\": \"HX-4410\", \"name\": \"Hex bolt\", "
                + "\"price\": 1.00, \"item_net_price\": 1.00, \"amount\": 1, \"backordered_amount\": 0}";
        int items = order.indexOf("\"items\": [") + "\"items\": [".length();
        return order.substring(0, items) + (line + ", ").repeat(503) + order.substring(items);
    }

    private static List<DeadLetterEntry> deadLetters(String key) {
        Properties props = new Properties();
        props.put("bootstrap.servers", bridge.system().kafkaBootstrap());
        return new DeadLetterStore(props).list("transformer", new DeadLetterFilter(null, null, key));
    }

    private static HttpResponse<String> send(byte[] body, String contentType, long signedAt, String eventId)
            throws Exception {
        long t = signedAt == NOW ? Instant.now().getEpochSecond() : signedAt;
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create("http://localhost:" + bridge.system().ingress().port() + "/webhooks/xcart"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", contentType)
                .header("X-Webhook-Id", eventId)
                .header("X-Webhook-Event", "order.created")
                .header(WebhookSignature.HEADER, "t=" + t + ",v1=" + hmac(t, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** The signature as a storefront (or an attacker with its secret) computes it, for any {@code t} at all. */
    private static String hmac(long t, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(BridgeSystem.XCART_DEV_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        mac.update((t + ".").getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(mac.doFinal(body));
    }

    private static String sample() {
        try (InputStream in = HostileWebhooksIntegrationTest.class
                .getResourceAsStream("/samples/xcart/order.created.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
