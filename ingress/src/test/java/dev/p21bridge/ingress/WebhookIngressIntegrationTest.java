package dev.p21bridge.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.p21bridge.platform.config.Environment;
import dev.p21bridge.platform.webhook.WebhookSignature;
import dev.p21bridge.testing.KafkaBrokerExtension;
import dev.p21bridge.testing.TestKafka;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The ingress of docs/contract.md, section 'Webhooks' on a real broker: every answer, and what reaches the raw topics.
 */
@Tag("integration")
@ExtendWith(KafkaBrokerExtension.class)
class WebhookIngressIntegrationTest {

    private static final String XCART_SECRET = "xcart-old-secret";
    private static final String XCART_NEXT_SECRET = "xcart-new-secret";
    private static final String CLARITY_SECRET = "clarity-dev-secret";
    /** A second X-Cart store, {@code ca}, with its own secret. */
    private static final String CA_SECRET = "ca-store-secret";
    private static final byte[] XCART_ORDER = sample("samples/xcart/order.created.json");
    private static final byte[] CLARITY_ORDER = sample("samples/clarity/order.created.json");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static WebhookIngress ingress;
    private static WebhookClient client;
    private static RawTopicReader topics;

    @BeforeAll
    static void setUp(TestKafka kafka) {
        ingress = new WebhookIngress(IngressConfig.from(new Environment(Map.of(
                "BRIDGE_KAFKA_BOOTSTRAP", kafka.bootstrapServers(),
                "BRIDGE_INGRESS_PORT", "0",
                "BRIDGE_STORES", "xcart:xcart,clarity:clarity,ca:xcart",
                "BRIDGE_STORE_CA_WEBHOOK_SECRET", CA_SECRET,
                "BRIDGE_XCART_WEBHOOK_SECRET", XCART_SECRET + "," + XCART_NEXT_SECRET,
                "BRIDGE_CLARITY_WEBHOOK_SECRET", CLARITY_SECRET)))).start();
        client = new WebhookClient(ingress.port());
        topics = new RawTopicReader(kafka.bootstrapServers());
    }

    @AfterAll
    static void tearDown() {
        if (topics != null) {
            topics.close();
        }
        if (ingress != null) {
            ingress.close();
        }
    }

    static Stream<Arguments> sampleOrders() {
        return Stream.of(
                Arguments.of("xcart", XCART_ORDER, XCART_SECRET, "10452"),
                Arguments.of("clarity", CLARITY_ORDER, CLARITY_SECRET, "CL-2026-000981"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sampleOrders")
    void shouldStoreAnAcceptedOrderByteForByteKeyedByTheOrderIdWithTheFourHeaders(String source, byte[] body,
                                                                                    String secret, String orderId)
            throws IOException {
        String eventId = "evt-" + source + "-" + System.nanoTime();
        long before = System.currentTimeMillis();

        HttpResponse<String> response = client.send(client.signed(source, body, eventId, "order.created", secret));

        assertThat(response.statusCode()).isEqualTo(202);
        JsonNode receipt = JSON.readTree(response.body());
        assertThat(receipt.get("eventId").asText()).isEqualTo(eventId);
        assertThat(receipt.get("topic").asText()).isEqualTo("raw." + source);
        ConsumerRecord<String, byte[]> record = topics.recordAt(receipt.get("topic").asText(),
                receipt.get("partition").asInt(), receipt.get("offset").asLong());
        assertThat(record.value()).isEqualTo(body);
        assertThat(record.key()).isEqualTo(orderId);
        assertThat(header(record, "event-type")).isEqualTo("order.created");
        assertThat(header(record, "event-id")).isEqualTo(eventId);
        assertThat(header(record, "source")).isEqualTo(source);
        assertThat(header(record, "store")).isEqualTo(source);
        assertThat(Long.parseLong(header(record, "received-at")))
                .isBetween(before, System.currentTimeMillis());
    }

    @Test
    void shouldTakeASecondStoreOfOnePlatformAtItsOwnPathWithItsOwnSecret() throws IOException {
        String eventId = "evt-ca-" + System.nanoTime();

        HttpResponse<String> response = client.send(client.signed("ca", XCART_ORDER, eventId, "order.created",
                CA_SECRET));
        HttpResponse<String> otherStoresSecret = client.send(client.signed("ca", XCART_ORDER, eventId + "-x",
                "order.created", XCART_SECRET));

        assertThat(response.statusCode()).isEqualTo(202);
        JsonNode receipt = JSON.readTree(response.body());
        assertThat(receipt.get("topic").asText()).isEqualTo("raw.xcart");
        ConsumerRecord<String, byte[]> record = topics.recordAt("raw.xcart", receipt.get("partition").asInt(),
                receipt.get("offset").asLong());
        assertThat(record.value()).isEqualTo(XCART_ORDER);
        assertThat(record.key()).isEqualTo("10452");
        assertThat(header(record, "source")).isEqualTo("xcart");
        assertThat(header(record, "store")).isEqualTo("ca");
        assertThat(otherStoresSecret.statusCode()).isEqualTo(401);
    }

    @Test
    void shouldAcceptARedeliveredEventAgainAndLeaveDeduplicationDownstream() throws IOException {
        String eventId = "evt-redelivered-" + System.nanoTime();

        HttpResponse<String> first = client.send(client.signed("xcart", XCART_ORDER, eventId, "order.created",
                XCART_SECRET));
        HttpResponse<String> second = client.send(client.signed("xcart", XCART_ORDER, eventId, "order.created",
                XCART_SECRET));

        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(second.statusCode()).isEqualTo(202);
        assertThat(JSON.readTree(second.body()).get("offset").asLong())
                .isGreaterThan(JSON.readTree(first.body()).get("offset").asLong());
    }

    @Test
    void shouldAcceptAWebhookSignedWithTheSecondSecretWhileRotating() {
        HttpResponse<String> response = client.send(client.signed("xcart", XCART_ORDER, "evt-rotated",
                "order.created", XCART_NEXT_SECRET));

        assertThat(response.statusCode()).isEqualTo(202);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            body not JSON      | {"id": 10452          | evt-1 | order.created
            body a JSON array  | [{"id": 10452}]       | evt-1 | order.created
            missing id header  | {"id": 10452}         |       | order.created
            missing event      | {"id": 10452}         | evt-1 |
            unknown event type | {"id": 10452}         | evt-1 | order.deleted
            """)
    void shouldAnswer400AndWriteNothingForASignedButInvalidWebhook(String why, String body, String eventId,
                                                                   String event) throws IOException {
        long before = topics.endOffsets();

        HttpResponse<String> response = client.send(client.signed("xcart", utf8(body), eventId, event,
                XCART_SECRET));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).get("error").asText()).isNotBlank();
        assertThat(topics.endOffsets()).isEqualTo(before);
    }

    /**
     * docs/contract.md, section 'Webhooks': bad input never gets a 5xx and never reaches a topic. A UTF-32 body made
     * Jackson throw an IOException the ingress turned into a 500; every malformed body is a 400 whose error names the
     * problem.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedBodies")
    void shouldAnswer400NamingTheProblemAndWriteNothingForAMalformedSignedBody(String why, byte[] body,
                                                                               String error) throws IOException {
        long before = topics.endOffsets();

        HttpResponse<String> response = client.send(client.signed("xcart", body, "evt-malformed", "order.created",
                XCART_SECRET));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).get("error").asText()).contains(error);
        assertThat(topics.endOffsets()).isEqualTo(before);
    }

    static Stream<Arguments> malformedBodies() {
        return Stream.of(
                Arguments.of("UTF-32", "{\"id\":10452}".getBytes(java.nio.charset.Charset.forName("UTF-32")),
                        "UTF-8"),
                Arguments.of("UTF-16 with BOM", "{\"id\":10452}".getBytes(StandardCharsets.UTF_16), "UTF-8"),
                Arguments.of("invalid UTF-8", java.util.HexFormat.of().parseHex("7B2278223A22C0AF222C226964223A317D"),
                        "UTF-8"),
                Arguments.of("nested 10,000 deep", utf8("{\"a\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}"),
                        "deeper than"),
                Arguments.of("a 500-digit number", utf8("{\"id\":1,\"n\":" + "7".repeat(500) + "}"), "number longer"),
                Arguments.of("trailing garbage", utf8("{\"id\":1}\u0000"), "not valid JSON"),
                Arguments.of("id not whole", utf8("{\"id\":10452.5}"), "whole number"),
                Arguments.of("id beyond a long", utf8("{\"id\":1e999999999}"), "64-bit"),
                Arguments.of("id twice", utf8("{\"id\":10452,\"id\":10453}"), "\"id\""));
    }

    /** The transformer reads 10452, 10452.0 and 1.0452E4 as one order; the raw record's key must agree. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"10452", "10452.0", "1.0452E4"})
    void shouldKeyANumericIdByItsCanonicalDigits(String written) throws IOException {
        HttpResponse<String> response = client.send(client.signed("xcart", utf8("{\"id\":" + written + "}"),
                "evt-canonical-" + written, "order.updated", XCART_SECRET));

        assertThat(response.statusCode()).isEqualTo(202);
        JsonNode receipt = JSON.readTree(response.body());
        assertThat(topics.recordAt(receipt.get("topic").asText(), receipt.get("partition").asInt(),
                receipt.get("offset").asLong()).key()).isEqualTo("10452");
    }

    @Test
    void shouldAnswer401ForAWrongSignature() {
        assertUnauthorized(client.signed("xcart", XCART_ORDER, "evt-1", "order.created", "guessed-secret"));
        assertUnauthorized(client.signed("clarity", CLARITY_ORDER, "evt-1", "order.created", XCART_SECRET));
    }

    @Test
    void shouldAnswer401ForAMissingSignatureEvenWhenEverythingElseIsWrongToo() {
        assertUnauthorized(client.request("xcart", "application/json", utf8("not json"), null, "no.such.event"));
    }

    @Test
    void shouldAnswer401ForASignatureOlderThanFiveMinutes() {
        String old = WebhookSignature.sign(XCART_ORDER, Instant.now().minusSeconds(301), XCART_SECRET);

        assertUnauthorized(client.request("xcart", "application/json", XCART_ORDER, "evt-1", "order.created")
                .header(WebhookSignature.HEADER, old));
    }

    @Test
    void shouldAnswer413WithJsonForABodyOverOneMebibyte() throws IOException {
        byte[] body = jsonOfSize(WebhookIngress.MAX_BODY_BYTES + 1);

        HttpResponse<String> response = client.send(client.signed("xcart", body, "evt-big", "order.created",
                XCART_SECRET));

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(JSON.readTree(response.body()).get("error").asText()).isNotBlank();
    }

    /**
     * A server that answers and closes while the body is still arriving makes the client's kernel receive a reset,
     * which can destroy the answer before the client reads it (CI saw "header parser received no bytes" for a 413).
     * Pipelining a second request behind the refused one shows the ingress read the whole body, answered, and kept
     * the connection: the storefront gets its 413 or 415, not a broken connection it would redeliver into. (A 415
     * is decided before the body is read; a large body of the wrong type needs the same care.)
     */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "413, declared length, application/json, 1048577",
            "413, chunked,         application/json, 1048577",
            "415, declared length, text/plain,       1048576",
            "415, chunked,         text/plain,       1048576"})
    void shouldReadARefusedBodyToItsEndBeforeAnsweringAndKeepTheConnection(int status, String framing,
                                                                          String contentType, int size)
            throws IOException {
        byte[] body = jsonOfSize(size);

        String answers;
        try (Socket socket = new Socket("localhost", ingress.port())) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(framing.equals("chunked") ? chunkedPost(contentType, body) : post(contentType, body));
            out.write(utf8("GET /health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"));
            out.flush();
            answers = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }

        assertThat(answers).startsWith("HTTP/1.1 " + status);
        assertThat(answers.indexOf("HTTP/1.1 200")).as("the second answer, on the same connection")
                .isGreaterThan(0);
    }

    /** A storefront pointed at a source the ingress does not know gets a JSON 404 it can read, body and all. */
    @Test
    void shouldAnswer404WithJsonForAnUnknownSourceAfterReadingTheBody() throws IOException {
        byte[] body = jsonOfSize(WebhookIngress.MAX_BODY_BYTES);

        String answers;
        try (Socket socket = new Socket("localhost", ingress.port())) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(concat(utf8("POST /webhooks/shopify HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n"), body));
            out.write(utf8("GET /health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"));
            out.flush();
            answers = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }

        assertThat(answers).startsWith("HTTP/1.1 404").contains("{\"error\":");
        assertThat(answers.indexOf("HTTP/1.1 200")).as("the second answer, on the same connection")
                .isGreaterThan(0);
    }

    /**
     * A client that sends {@code Expect: 100-continue} (curl does for bodies over 1 MiB) sends nothing until asked.
     * Its refusal comes at once, without a {@code 100 Continue} that would make it upload a body only to be refused.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "404, shopify, application/json, 1024",
            "413, xcart,   application/json, 2097152",
            "415, xcart,   text/plain,       1024"})
    void shouldRefuseAClientThatExpectsContinueWithoutAskingForItsBody(int status, String source, String contentType,
                                                                       int length) throws IOException {
        try (Socket socket = new Socket("localhost", ingress.port())) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(utf8("POST /webhooks/" + source + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: " + contentType
                    + "\r\nContent-Length: " + length + "\r\nExpect: 100-continue\r\n\r\n"));
            out.flush();

            String statusLine = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.ISO_8859_1)).readLine();

            assertThat(statusLine).startsWith("HTTP/1.1 " + status);
        }
    }

    @Test
    void shouldAnswer413ForAnOversizeBodySentInChunksWithoutALength() throws IOException {
        byte[] body = jsonOfSize(WebhookIngress.MAX_BODY_BYTES + 1);
        HttpRequest.Builder chunked = client.signed("xcart", body, "evt-chunked", "order.created", XCART_SECRET)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)));

        HttpResponse<String> response = client.send(chunked);

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(JSON.readTree(response.body()).get("error").asText()).isNotBlank();
    }

    /**
     * docs/contract.md, section 'Webhooks': bad input never gets a 5xx. A body that ends before its Content-Length, or
     * before its last chunk, is bad input (a sender that gave up, or a network that dropped it), not a failure of the
     * ingress.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            declared length | Content-Length: 200\\r\\n\\r\\n{"id": 10452, "items": [
            chunked         | Transfer-Encoding: chunked\\r\\n\\r\\n18\\r\\n{"id": 10452, "items": [\\r\\n
            """)
    void shouldAnswer400AndWriteNothingWhenTheBodyEndsBeforeItsDeclaredLength(String framing, String rest)
            throws IOException {
        long before = topics.endOffsets();

        String answer;
        try (Socket socket = new Socket("localhost", ingress.port())) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(utf8("POST /webhooks/xcart HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + rest.replace("\\r\\n", "\r\n")));
            out.flush();
            socket.shutdownOutput();
            answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }

        assertThat(answer).startsWith("HTTP/1.1 400").contains("body ended before its declared length");
        assertThat(topics.endOffsets()).isEqualTo(before);
    }

    @Test
    void shouldAcceptABodyOfExactlyOneMebibyte() {
        byte[] body = jsonOfSize(WebhookIngress.MAX_BODY_BYTES);

        HttpResponse<String> response = client.send(client.signed("xcart", body, "evt-limit", "order.updated",
                XCART_SECRET));

        assertThat(response.statusCode()).isEqualTo(202);
    }

    @Test
    void shouldAnswer415ForAContentTypeOtherThanJson() {
        HttpResponse<String> response = client.send(client.request("xcart", "text/plain", XCART_ORDER, "evt-1",
                "order.created").header(WebhookSignature.HEADER,
                WebhookSignature.sign(XCART_ORDER, Instant.now(), XCART_SECRET)));

        assertThat(response.statusCode()).isEqualTo(415);
    }

    @Test
    void shouldReportReadyWhileKafkaIsReachable() throws IOException {
        HttpResponse<String> response = client.get("/health");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode health = JSON.readTree(response.body());
        assertThat(health.get("ready").asBoolean()).isTrue();
        assertThat(health.get("checks").get("kafka").asText()).isEqualTo("UP");
    }

    @Test
    void shouldExposeWebhookAndProducerMetricsAsPrometheusText() {
        client.send(client.signed("clarity", CLARITY_ORDER, "evt-metrics", "order.created", CLARITY_SECRET));
        client.send(client.signed("clarity", CLARITY_ORDER, "evt-metrics", "order.created", "wrong"));

        HttpResponse<String> response = client.get("/metrics");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/plain"));
        assertThat(response.body())
                .containsPattern("bridge_webhooks_accepted_total\\{[^}]*event=\"order.created\"[^}]*source=\"clarity\"[^}]*} [1-9]")
                .containsPattern("bridge_webhooks_rejected_total\\{[^}]*reason=\"signature-mismatch\"[^}]*source=\"clarity\"[^}]*} [1-9]")
                .contains("kafka_producer_");
    }

    private static void assertUnauthorized(HttpRequest.Builder request) {
        HttpResponse<String> response = client.send(request);
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).startsWith("{\"error\":");
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        assertThat(header).as("header " + name).isNotNull();
        return new String(header.value(), StandardCharsets.UTF_8);
    }

    private static byte[] post(String contentType, byte[] body) {
        return concat(utf8("POST /webhooks/xcart HTTP/1.1\r\nHost: localhost\r\nContent-Type: " + contentType
                + "\r\nContent-Length: " + body.length + "\r\n\r\n"), body);
    }

    /** The body in chunks of 64 KiB, as a client that does not know the length up front sends it. */
    private static byte[] chunkedPost(String contentType, byte[] body) {
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        message.writeBytes(utf8("POST /webhooks/xcart HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: " + contentType + "\r\nTransfer-Encoding: chunked\r\n\r\n"));
        for (int from = 0; from < body.length; from += 65_536) {
            int length = Math.min(65_536, body.length - from);
            message.writeBytes(utf8(Integer.toHexString(length) + "\r\n"));
            message.write(body, from, length);
            message.writeBytes(utf8("\r\n"));
        }
        message.writeBytes(utf8("0\r\n\r\n"));
        return message.toByteArray();
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    /** A JSON object of exactly {@code size} bytes: {@code {"id":1,"pad":"xxx..."}}. */
    private static byte[] jsonOfSize(long size) {
        byte[] prefix = utf8("{\"id\":1,\"pad\":\"");
        byte[] body = new byte[(int) size];
        Arrays.fill(body, (byte) 'x');
        System.arraycopy(prefix, 0, body, 0, prefix.length);
        body[body.length - 2] = '"';
        body[body.length - 1] = '}';
        return body;
    }

    private static byte[] utf8(String text) {
        return text == null ? new byte[0] : text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] sample(String resource) {
        try (InputStream in = WebhookIngressIntegrationTest.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
