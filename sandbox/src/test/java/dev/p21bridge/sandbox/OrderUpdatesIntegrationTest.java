package dev.p21bridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.p21bridge.platform.dlq.DeadLetterEntry;
import dev.p21bridge.platform.dlq.DeadLetterFilter;
import dev.p21bridge.platform.dlq.DeadLetterStore;
import dev.p21bridge.platform.webhook.WebhookSignature;
import dev.p21bridge.simulators.p21.P21Order;
import dev.p21bridge.simulators.p21.P21OrderLine;
import dev.p21bridge.simulators.storefront.CheckoutRequest;
import dev.p21bridge.simulators.storefront.OrderLine;
import dev.p21bridge.testing.Await;
import dev.p21bridge.testing.KafkaBrokerExtension;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Storefront edits and cancellations reaching P21 end to end (docs/order-updates.md): an edit before shipment
 * changes the P21 order, an edit after it is a {@code rejected-by-target} dead letter naming what changed, a
 * cancellation cancels the P21 order and releases its allocation, and a cancellation of an order P21 never had is a
 * dead letter with a reason.
 */
@Tag("integration")
@ExtendWith(KafkaBrokerExtension.class)
class OrderUpdatesIntegrationTest {

    @RegisterExtension
    static final RunningBridge bridge = RunningBridge.withSettings(Map.of());

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void shouldUpdateBeforeShipmentRefuseAfterItAndCancelWithTheAllocationReleased() throws Exception {
        List<String> ids = bridge.system().xcart().checkout(CheckoutRequest.of(2).withRates(0.0, 0));
        String edited = ids.get(0);
        String cancelled = ids.get(1);
        Await.until(WAIT, () -> p21Order(edited).isPresent() && p21Order(cancelled).isPresent(),
                () -> "both orders in P21: " + p21Order(edited).isPresent() + ", " + p21Order(cancelled).isPresent());

        OrderLine line = bridge.system().xcart().state().order(edited).orElseThrow().lines().get(0);
        int newQuantity = line.quantity() + 4;
        assertThat(storefront("/sim/orders/" + edited + "/update",
                "{\"lines\":[{\"sku\":\"" + line.sku() + "\",\"qty\":" + newQuantity + "}]}")).isEqualTo(200);
        Await.until(WAIT, () -> p21Order(edited).orElseThrow().lines().get(0).qtyOrdered()
                        .compareTo(BigDecimal.valueOf(newQuantity)) == 0,
                () -> "P21 line 1 of " + edited + ": " + p21Order(edited).orElseThrow().lines().get(0));

        String orderNo = p21Order(edited).orElseThrow().orderNo();
        assertThat(p21("/sim/shipments", "{\"order_no\":\"" + orderNo + "\",\"carrier_id\":\"UPS\","
                + "\"tracking_no\":\"1Z999AA10123456784\"}")).isEqualTo(201);
        assertThat(storefront("/sim/orders/" + edited + "/update",
                "{\"lines\":[{\"sku\":\"" + line.sku() + "\",\"qty\":1}]}")).isEqualTo(200);
        DeadLetterStore store = new DeadLetterStore(clientProperties());
        DeadLetterFilter rejected = new DeadLetterFilter("rejected-by-target", null, "xcart:" + edited);
        Await.until(WAIT, () -> !store.list("p21-sink", rejected).isEmpty(), () -> "no dead letter for " + edited);
        DeadLetterEntry letter = store.list("p21-sink", rejected).get(0);
        assertThat(letter.message()).contains("has already shipped")
                .contains("quantity " + newQuantity + " -> 1");
        assertThat(p21Order(edited).orElseThrow().lines().get(0).qtyOrdered())
                .isEqualByComparingTo(BigDecimal.valueOf(newQuantity));

        P21Order open = p21Order(cancelled).orElseThrow();
        P21OrderLine goods = open.lines().stream().filter(l -> !l.otherCharge()).findFirst().orElseThrow();
        BigDecimal held = open.lines().stream().filter(l -> l.itemId().equals(goods.itemId()))
                .map(P21OrderLine::qtyAllocated).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal allocatedBefore = allocated(goods.itemId(), open.sourceLocId());
        assertThat(storefront("/sim/orders/" + cancelled + "/cancel", "{}")).isEqualTo(200);
        Await.until(WAIT, () -> p21Order(cancelled).orElseThrow().cancelled(),
                () -> "P21 status of " + cancelled + ": " + p21Order(cancelled).orElseThrow().status());
        assertThat(p21Order(cancelled).orElseThrow().status()).isEqualTo("cancelled");
        assertThat(allocated(goods.itemId(), open.sourceLocId()))
                .isEqualByComparingTo(allocatedBefore.subtract(held));
    }

    @Test
    void shouldDeadLetterACancellationOfAnOrderP21NeverHad() throws Exception {
        postXCartCancellation(913_001);

        DeadLetterStore store = new DeadLetterStore(clientProperties());
        DeadLetterFilter rejected = new DeadLetterFilter("rejected-by-target", null, "xcart:913001");
        Await.until(WAIT, () -> !store.list("p21-sink", rejected).isEmpty(), () -> "no dead letter for xcart:913001");
        assertThat(store.list("p21-sink", rejected).get(0).message()).contains("nothing to cancel");
        assertThat(p21Order("913001")).isEmpty();
    }

    private static Optional<P21Order> p21Order(String xcartId) {
        return bridge.system().p21().orders().stream()
                .filter(o -> ("xcart:" + xcartId).equals(o.webReferenceNo())).findFirst();
    }

    private static BigDecimal allocated(String itemId, long location) throws Exception {
        HttpResponse<String> rows = HTTP.send(HttpRequest.newBuilder(
                URI.create(bridge.system().p21().url() + "/sim/inventory/" + itemId)).build(),
                HttpResponse.BodyHandlers.ofString());
        for (JsonNode row : JSON.readTree(rows.body())) {
            if (row.path("location_id").asText().equals(Long.toString(location))) {
                return new BigDecimal(row.path("qty_allocated").asText());
            }
        }
        return BigDecimal.ZERO;
    }

    private static int storefront(String path, String body) throws Exception {
        return post(bridge.system().xcart().url() + path, body);
    }

    private static int p21(String path, String body) throws Exception {
        return post(bridge.system().p21().url() + path, body);
    }

    private static int post(String url, String body) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode();
    }

    /** The sample X-Cart order under another id, cancelled (shipping status C), as order.updated. */
    private static void postXCartCancellation(long id) throws Exception {
        JsonNode sample;
        try (InputStream in = OrderUpdatesIntegrationTest.class.getResourceAsStream("/samples/xcart/order.created.json")) {
            sample = JSON.readTree(in);
        }
        ObjectNode order = (ObjectNode) sample;
        order.put("id", id);
        ((ObjectNode) order.get("shipping_status")).put("id", 7).put("code", "C").put("name", "Canceled");
        byte[] bytes = JSON.writeValueAsBytes(order);
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + bridge.system().ingress().port() + "/webhooks/xcart"))
                .header("Content-Type", "application/json")
                .header("X-Webhook-Id", "evt-cancel-" + id)
                .header("X-Webhook-Event", "order.updated")
                .header(WebhookSignature.HEADER, WebhookSignature.sign(bytes, Instant.now(),
                        BridgeSystem.XCART_DEV_SECRET))
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    }

    private static Properties clientProperties() {
        Properties props = new Properties();
        props.put("bootstrap.servers", bridge.system().kafkaBootstrap());
        return props;
    }
}
