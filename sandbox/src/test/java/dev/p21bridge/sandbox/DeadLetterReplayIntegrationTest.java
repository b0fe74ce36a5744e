package dev.p21bridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.p21bridge.app.BridgeCli;
import dev.p21bridge.platform.dlq.DeadLetterEntry;
import dev.p21bridge.platform.dlq.DeadLetterFilter;
import dev.p21bridge.platform.dlq.DeadLetterStore;
import dev.p21bridge.platform.topics.Topics;
import dev.p21bridge.platform.webhook.WebhookSignature;
import dev.p21bridge.simulators.p21.P21Order;
import dev.p21bridge.testing.Await;
import dev.p21bridge.testing.KafkaBrokerExtension;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine;

/**
 * What an operator does when P21 refuses orders: list the dead letters, fix the cause in P21, replay them, and not
 * replay them twice. Also: records in a canonical topic that are not our Avro become dead letters, never a stop.
 */
@Tag("integration")
@ExtendWith(KafkaBrokerExtension.class)
class DeadLetterReplayIntegrationTest {

    @RegisterExtension
    static final RunningBridge bridge = RunningBridge.withSettings(Map.of());

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void shouldReplayOrdersForAnUnknownItemOnceTheItemExists() throws Exception {
        for (int order = 1; order <= 3; order++) {
            postXCartOrder(777_000 + order, "NEW-ITEM-7");
        }
        DeadLetterStore store = new DeadLetterStore(clientProperties());
        DeadLetterFilter rejected = new DeadLetterFilter("rejected-by-target", null, null);
        Await.until(Duration.ofSeconds(60), () -> store.list("p21-sink", rejected).size() == 3);
        DeadLetterEntry letter = store.list("p21-sink", rejected).get(0);
        assertThat(letter.originalTopic()).isEqualTo(Topics.CANONICAL_ORDERS.name());
        assertThat(letter.service()).isEqualTo("p21-sink");
        assertThat(letter.message()).contains("NEW-ITEM-7");
        assertThat(letter.failedAt()).isNotNull();
        assertThat(bridge.system().p21().orders()).noneMatch(o -> o.webReferenceNo().startsWith("xcart:77700"));

        assertThat(adminGet("/api/dlq/p21-sink?errorClass=rejected-by-target", bridge.system().adminToken()).statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(adminGet("/api/dlq/p21-sink", bridge.system().adminToken()).body()).size()).isEqualTo(3);
        assertThat(adminGet("/api/dlq/p21-sink", "wrong-token").statusCode()).isEqualTo(401);

        assertThat(cli("dlq", "replay", "p21-sink", "--dry-run")).contains("would replay 3, skipped 0");
        HttpResponse<String> item = HTTP.send(HttpRequest.newBuilder(
                        URI.create(bridge.system().p21().url() + "/sim/items"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"item_id\":\"NEW-ITEM-7\",\"item_desc\":\"New item\",\"list_price\":\"24.95\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(item.statusCode()).as(item.body()).isBetween(200, 201);

        assertThat(cli("dlq", "replay", "p21-sink")).contains("replayed 3, skipped 0");
        Await.until(Duration.ofSeconds(60), () -> bridge.system().p21().orders().stream()
                .filter(o -> o.webReferenceNo().startsWith("xcart:77700")).count() == 3);
        assertThat(cli("dlq", "replay", "p21-sink")).contains("replayed 0, skipped 3");
        assertThat(cli("dlq", "list", "p21-sink", "--json")).contains("\"replayed\" : true");
        List<P21Order> created = bridge.system().p21().orders().stream()
                .filter(o -> o.webReferenceNo().startsWith("xcart:77700")).toList();
        assertThat(created).extracting(P21Order::webReferenceNo).doesNotHaveDuplicates();
    }

    @Test
    void shouldDeadLetterRecordsThatAreNotOurAvroAndKeepGoing() throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(clientProperties(), new StringSerializer(),
                new ByteArraySerializer())) {
            byte[] unknownSchemaId = ByteBuffer.allocate(9).put((byte) 0).putInt(987_654).putInt(42).array();
            producer.send(new ProducerRecord<>(Topics.CANONICAL_ORDERS.name(), "xcart:bad-1",
                    "not avro at all".getBytes(StandardCharsets.UTF_8))).get();
            producer.send(new ProducerRecord<>(Topics.CANONICAL_ORDERS.name(), "xcart:bad-2", unknownSchemaId)).get();
        }
        postXCartOrder(888_001, "BV-075-SWT");

        DeadLetterStore store = new DeadLetterStore(clientProperties());
        Await.until(Duration.ofSeconds(60), () -> store.list("p21-sink", new DeadLetterFilter("mapping", null, null)).size() == 2);
        Await.until(Duration.ofSeconds(60), () -> bridge.system().p21().orders().stream()
                .anyMatch(o -> o.webReferenceNo().equals("xcart:888001")));
        assertThat(store.list("p21-sink", new DeadLetterFilter("mapping", null, "xcart:bad-2")).get(0).message())
                .contains("987654");
    }

    private static java.util.Properties clientProperties() {
        java.util.Properties props = new java.util.Properties();
        props.put("bootstrap.servers", bridge.system().kafkaBootstrap());
        return props;
    }

    private static String cli(String... args) {
        StringWriter out = new StringWriter();
        CommandLine cli = BridgeCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        String[] withKafka = java.util.stream.Stream.concat(java.util.Arrays.stream(args),
                        java.util.stream.Stream.of("--bootstrap-server", bridge.system().kafkaBootstrap()))
                .toArray(String[]::new);
        assertThat(cli.execute(withKafka)).as(out.toString()).isZero();
        return out.toString();
    }

    private static HttpResponse<String> adminGet(String path, String token) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + bridge.system().console().port() + path))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void postXCartOrder(long id, String sku) throws Exception {
        JsonNode sample;
        try (InputStream in = DeadLetterReplayIntegrationTest.class.getResourceAsStream("/samples/xcart/order.created.json")) {
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
