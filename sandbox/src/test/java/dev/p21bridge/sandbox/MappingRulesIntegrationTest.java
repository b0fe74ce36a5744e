package dev.p21bridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.p21bridge.app.BridgeCli;
import dev.p21bridge.platform.topics.Topics;
import dev.p21bridge.platform.webhook.WebhookSignature;
import dev.p21bridge.simulators.p21.P21Order;
import dev.p21bridge.testing.Await;
import dev.p21bridge.testing.KafkaBrokerExtension;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seeds' examples done by editing files and {@code ./bridge mapping apply}, on the running bridge and without a
 * restart: orders over a threshold get a sales rep, the PO number comes from a custom checkout field, the carrier
 * from a ship-via table; a broken set is refused while the version in use keeps working; {@code rollback} returns to
 * the bundled set. What counts is what P21 holds and the {@code mapping-version} header on {@code canonical.orders}.
 */
@Tag("integration")
@ExtendWith(KafkaBrokerExtension.class)
class MappingRulesIntegrationTest {

    @RegisterExtension
    static final RunningBridge bridge = RunningBridge.withSettings(Map.of());

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    @TempDir
    Path dir;

    @Test
    void shouldApplyRulesAndATemplateChangeWithoutARestartRefuseABrokenSetAndRollBack() throws Exception {
        Path set = writeSet(dir.resolve("set"));
        assertThat(cli("mapping", "apply", set.toString())).startsWith("mapping apply: published version 1");
        awaitVersionInUse("1");

        // over the threshold, with a PO in a custom field, shipped UPS Ground
        String big = post(order(body -> ((ObjectNode) body).putArray("custom_fields").addObject()
                .put("name", "PO").put("value", "PO-CUSTOM-77")));
        // under it: one box of bolts
        String small = post(order(body -> {
            ArrayNode items = (ArrayNode) body.get("items");
            items.remove(1);
            body.put("sub_total", new BigDecimal("199.60")).put("total", new BigDecimal("231.22"));
        }));
        P21Order bigOrder = awaitInP21(big);
        P21Order smallOrder = awaitInP21(small);
        assertThat(bigOrder.salesrepId()).isEqualTo("REP-BIG");
        assertThat(bigOrder.poNo()).isEqualTo("PO-CUSTOM-77");
        assertThat(bigOrder.shipVia()).isEqualTo("UPS-RULE");
        assertThat(bigOrder.total()).isEqualByComparingTo("413.22");
        assertThat(smallOrder.salesrepId()).isNull();
        assertThat(smallOrder.shipVia()).isEqualTo("UPS-RULE");
        assertThat(smallOrder.total()).isEqualByComparingTo("231.22");
        assertThat(mappingVersions()).containsEntry(big, "1").containsEntry(small, "1");

        // the console previews with the version in use, behind the admin token
        byte[] payload = JSON.writeValueAsBytes(order(body -> { }));
        assertThat(previewStatus(payload, null)).isEqualTo(401);
        HttpResponse<String> preview = preview(payload, bridge.system().adminToken());
        assertThat(preview.statusCode()).as(preview.body()).isEqualTo(200);
        com.fasterxml.jackson.databind.JsonNode answer = JSON.readTree(preview.body());
        assertThat(answer.path("valid").asBoolean()).isTrue();
        assertThat(answer.path("mappingVersion").asInt()).isEqualTo(1);
        assertThat(answer.path("rulesFired").toString()).contains("rules/10-big-orders.jsonata");
        assertThat(answer.path("p21Request").toString()).contains("salesrep_id", "REP-BIG");

        // a broken rule: refused with its file and line, nothing published, version 1 keeps mapping
        Files.writeString(set.resolve("rules/10-big-orders.jsonata"), "(\n  totals.total > ? \"x\"\n)");
        assertThat(cliErrors("mapping", "apply", set.toString()))
                .startsWith("mapping apply: refused, nothing published: rules/10-big-orders.jsonata:2:");
        assertThat(cli("mapping", "list")).contains("* v1");
        String afterRefusal = post(order(body -> { }));
        assertThat(awaitInP21(afterRefusal).salesrepId()).isEqualTo("REP-BIG");

        assertThat(cli("mapping", "rollback")).contains("version 0 in use");
        awaitVersionInUse("0");
        String afterRollback = post(order(body -> { }));
        P21Order rolledBack = awaitInP21(afterRollback);
        assertThat(rolledBack.salesrepId()).isNull();
        assertThat(rolledBack.shipVia()).isEqualTo("UPSG");
        assertThat(mappingVersions()).containsEntry(afterRollback, "0");
    }

    /** The bundled X-Cart template with a PO number from a custom field, two rules and a ship-via table. */
    private static Path writeSet(Path set) throws IOException {
        for (String folder : List.of("orders", "rules", "tables")) {
            Files.createDirectories(set.resolve(folder));
        }
        for (String file : List.of("orders/xcart.jsonata", "orders/clarity.jsonata", "tables/xcart-shipping-status.csv",
                "tables/xcart-payment-status.csv", "tables/clarity-order-status.csv", "tables/clarity-payment-status.csv")) {
            try (InputStream in = MappingRulesIntegrationTest.class.getResourceAsStream("/mapping/default/" + file)) {
                String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                if (file.equals("orders/xcart.jsonata")) {
                    text = text.replace("\"method\": payment_method_name,",
                            "\"method\": payment_method_name,\n      \"poNumber\": custom_fields[name = \"PO\"].value,");
                }
                Files.writeString(set.resolve(file), text);
            }
        }
        Files.writeString(set.resolve("rules/10-big-orders.jsonata"),
                "/* the seeds' example: big orders to a special rep */\ntotals.total > 400 ? {\"p21\": {\"salesRepId\": \"REP-BIG\"}}");
        Files.writeString(set.resolve("rules/20-ship-via.jsonata"),
                "{\"p21\": {\"shipViaId\": $lookup(\"ship-via\", shippingMethod, null)}}");
        Files.writeString(set.resolve("tables/ship-via.csv"), "storefront method,P21 carrier\nUPS Ground,UPS-RULE\n");
        return set;
    }

    /**
     * Waits until the transformer maps with {@code version}: canary orders are posted until one comes out of it
     * under that version (the global store takes a moment to read a new version).
     */
    private void awaitVersionInUse(String version) {
        Await.until(Duration.ofSeconds(60), () -> {
            String canary = post(order(body -> { }));
            Await.until(Duration.ofSeconds(30), () -> mappingVersions().containsKey(canary));
            return version.equals(mappingVersions().get(canary));
        }, () -> "mapping version " + version + " never came into use");
    }

    private interface Change {
        void apply(ObjectNode body);
    }

    /** The X-Cart sample under a new order id, changed by {@code change}. */
    private static ObjectNode order(Change change) throws IOException {
        try (InputStream in = MappingRulesIntegrationTest.class.getResourceAsStream("/samples/xcart/order.created.json")) {
            ObjectNode body = (ObjectNode) JSON.readTree(in);
            long id = 900_000 + Math.abs(UUID.randomUUID().getMostSignificantBits() % 99_999);
            body.put("id", id).put("order_number", Long.toString(id));
            change.apply(body);
            return body;
        }
    }

    /** Posts a signed order.created webhook; answers the order key. */
    private static String post(ObjectNode order) {
        try {
            byte[] body = JSON.writeValueAsBytes(order);
            HttpRequest request = HttpRequest.newBuilder(
                            URI.create("http://localhost:" + bridge.system().ingress().port() + "/webhooks/xcart"))
                    .header("Content-Type", "application/json")
                    .header("X-Webhook-Id", UUID.randomUUID().toString())
                    .header("X-Webhook-Event", "order.created")
                    .header(WebhookSignature.HEADER, WebhookSignature.sign(body, Instant.now(), BridgeSystem.XCART_DEV_SECRET))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
            return "xcart:" + order.get("id").asText();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int previewStatus(byte[] payload, String token) throws IOException, InterruptedException {
        return preview(payload, token).statusCode();
    }

    private static HttpResponse<String> preview(byte[] payload, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:"
                        + bridge.system().console().port() + "/api/mappings/preview?source=xcart&event=order.created"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(payload));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static P21Order awaitInP21(String key) {
        Await.until(Duration.ofSeconds(60), () -> find(key) != null, () -> key + " is not in P21");
        return find(key);
    }

    private static P21Order find(String key) {
        return bridge.system().p21().orders().stream().filter(o -> key.equals(o.webReferenceNo())).findFirst()
                .orElse(null);
    }

    /** The {@code mapping-version} header of every record on {@code canonical.orders}, by key (the last one wins). */
    private static Map<String, String> mappingVersions() {
        Map<String, Object> props = Map.of("bootstrap.servers", bridge.system().kafkaBootstrap(),
                "isolation.level", "read_committed", "enable.auto.commit", "false");
        Map<String, String> versions = new HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.CANONICAL_ORDERS.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            Await.until("canonical.orders read to its end", Duration.ofSeconds(30), () -> {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    Header version = record.headers().lastHeader("mapping-version");
                    if (version != null) {
                        versions.put(record.key(), new String(version.value(), StandardCharsets.UTF_8));
                    }
                }
                return partitions.stream().allMatch(p -> consumer.position(p) >= ends.get(p));
            });
        }
        return versions;
    }

    private static String cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = run(out, err, args);
        assertThat(exit).as("%s%s", out, err).isZero();
        return out.toString();
    }

    private static String cliErrors(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertThat(run(out, err, args)).as("%s", out).isOne();
        return err.toString();
    }

    private static int run(StringWriter out, StringWriter err, String... args) {
        var cli = BridgeCli.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        String[] withKafka = java.util.stream.Stream.concat(java.util.Arrays.stream(args),
                args[1].equals("list") || args[1].equals("apply") || args[1].equals("rollback")
                        ? java.util.stream.Stream.of("--bootstrap-server", bridge.system().kafkaBootstrap())
                        : java.util.stream.Stream.empty()).toArray(String[]::new);
        return cli.execute(withKafka);
    }
}
