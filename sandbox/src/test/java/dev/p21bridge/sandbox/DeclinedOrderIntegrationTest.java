package dev.p21bridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.p21bridge.platform.topics.Topics;
import dev.p21bridge.schemas.OrderConfirmation;
import dev.p21bridge.schemas.serde.ConfluentAvroDeserializer;
import dev.p21bridge.schemas.serde.SchemaRegistryClient;
import dev.p21bridge.simulators.p21.P21Order;
import dev.p21bridge.simulators.storefront.CheckoutRequest;
import dev.p21bridge.simulators.storefront.StorefrontSimulator;
import dev.p21bridge.testing.Await;
import dev.p21bridge.testing.KafkaBrokerExtension;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Only payable orders reach P21 (docs/payable-orders.md), end to end: an order whose card was declined, on either
 * store, becomes no P21 order and reserves nothing, so after P21's stock changes both stores show exactly what P21 has
 * available; a paid order of the same SKU placed at the same time is in P21 as usual.
 */
@Tag("integration")
@ExtendWith(KafkaBrokerExtension.class)
class DeclinedOrderIntegrationTest {

    @RegisterExtension
    static final RunningBridge bridge = RunningBridge.withSettings(Map.of());

    private static final String SKU = "HX-4410";
    private static final int DECLINED_QTY = 7;
    private static final int PAID_QTY = 3;
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void shouldCreateNoP21OrderAndReserveNoStockForADeclinedOrder() throws Exception {
        // the first start loads P21's stock in full; wait until the storefronts hold it
        Await.until(WAIT, () -> amount(bridge.system().xcart()) == p21Available()
                && amount(bridge.system().clarity()) == p21Available(),
                () -> "P21 " + p21Available() + ", X-Cart " + amount(bridge.system().xcart()));

        CompletableFuture<String> declinedXCart = CompletableFuture.supplyAsync(() ->
                checkout(bridge.system().xcart(), CheckoutRequest.Payment.DECLINED, DECLINED_QTY));
        CompletableFuture<String> declinedClarity = CompletableFuture.supplyAsync(() ->
                checkout(bridge.system().clarity(), CheckoutRequest.Payment.DECLINED, DECLINED_QTY));
        CompletableFuture<String> paid = CompletableFuture.supplyAsync(() ->
                checkout(bridge.system().xcart(), null, PAID_QTY));
        String declinedXCartKey = "xcart:" + declinedXCart.get();
        String declinedClarityKey = "clarity:" + declinedClarity.get();
        String paidKey = "xcart:" + paid.get();

        Await.until("the paid order in P21", WAIT, () -> p21Order(paidKey) != null);
        Await.until("skip records of both declined orders", WAIT, () -> {
            Map<String, OrderConfirmation> confirmations = confirmations();
            return confirmations.containsKey(declinedXCartKey) && confirmations.containsKey(declinedClarityKey);
        });
        Map<String, OrderConfirmation> confirmations = confirmations();
        for (String key : new String[] {declinedXCartKey, declinedClarityKey}) {
            assertThat(confirmations.get(key).getSkippedReason()).as(key).isEqualTo("payment declined");
            assertThat(confirmations.get(key).getP21OrderNo()).as(key).isEmpty();
            assertThat(p21Order(key)).as("P21 order of " + key).isNull();
        }
        assertThat(confirmations.get(paidKey).getSkippedReason()).isNull();
        assertThat(p21Order(paidKey).lines()).anySatisfy(line -> {
            assertThat(line.itemId()).isEqualTo(SKU);
            assertThat(line.qtyOrdered()).isEqualByComparingTo(BigDecimal.valueOf(PAID_QTY));
        });

        setOnHand("10", 5_000);
        assertThat(p21Allocated()).as("allocated in P21: the paid order's only").isEqualTo(PAID_QTY);
        int available = p21Available();
        Await.until("both stores at P21's available stock", Duration.ofSeconds(30),
                () -> amount(bridge.system().xcart()) == available && amount(bridge.system().clarity()) == available,
                () -> "P21 " + available + ", X-Cart " + amount(bridge.system().xcart()) + ", Clarity "
                        + amount(bridge.system().clarity()));
        // a reservation of a declined order would show up within the next readings: none does
        Thread.sleep(3_000);
        assertThat(amount(bridge.system().xcart())).isEqualTo(p21Available());
        assertThat(amount(bridge.system().clarity())).isEqualTo(p21Available());
        assertThat(p21Order(declinedXCartKey)).isNull();
        assertThat(p21Order(declinedClarityKey)).isNull();
    }

    /** One order of {@code qty} × {@link #SKU}; its id. */
    private static String checkout(StorefrontSimulator store, CheckoutRequest.Payment payment, int qty) {
        return store.checkout(CheckoutRequest.ofSku(1, SKU, qty).withRates(0.0, 0).withPayment(payment)).get(0);
    }

    private static P21Order p21Order(String key) {
        return bridge.system().p21().orders().stream().filter(o -> key.equals(o.webReferenceNo())).findFirst()
                .orElse(null);
    }

    /** The last record of each order key on {@code canonical.order-confirmations}. */
    private static Map<String, OrderConfirmation> confirmations() {
        String topic = Topics.CANONICAL_ORDER_CONFIRMATIONS.name();
        Map<String, OrderConfirmation> confirmations = new HashMap<>();
        try (ConfluentAvroDeserializer<OrderConfirmation> avro = new ConfluentAvroDeserializer<>(
                new SchemaRegistryClient(bridge.system().registry().url()), OrderConfirmation.class)) {
            for (ConsumerRecord<String, byte[]> record : TopicReader.readToEnd(bridge.system().kafkaBootstrap(), topic,
                    Duration.ofSeconds(10))) {
                confirmations.put(record.key(), avro.deserialize(topic, record.value()));
            }
        }
        return confirmations;
    }

    private static int amount(StorefrontSimulator store) {
        return store.product(SKU).orElseThrow().amount();
    }

    /** On hand minus allocated over every location, as P21 counts it and the bridge publishes it. */
    private static int p21Available() {
        return sum("qty_on_hand") - p21Allocated();
    }

    private static int p21Allocated() {
        return sum("qty_allocated");
    }

    private static int sum(String column) {
        int sum = 0;
        for (JsonNode row : get(bridge.system().p21().url() + "/sim/inventory/" + SKU)) {
            sum += new BigDecimal(row.path(column).asText()).intValue();
        }
        return sum;
    }

    private static void setOnHand(String location, int onHand) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                URI.create(bridge.system().p21().url() + "/sim/inventory")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("item_id", SKU,
                        "location_id", location, "qty_on_hand", onHand)))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
    }

    private static JsonNode get(String url) {
        try {
            return JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
