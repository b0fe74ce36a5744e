package dev.p21bridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.p21bridge.platform.topics.Topics;
import dev.p21bridge.schemas.InventoryLevel;
import dev.p21bridge.schemas.serde.ConfluentAvroDeserializer;
import dev.p21bridge.schemas.serde.SchemaRegistryClient;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The availability API on the whole bridge (issue 26, point 4): stock set in P21, orders placed at once in both
 * stores, and the ingress's answer must come to P21's stock minus every ordered unit, first through the reservations
 * of orders P21 has not allocated yet, then through P21's own allocations; a wrong token is refused.
 */
@Tag("integration")
@ExtendWith(KafkaBrokerExtension.class)
class AvailabilityIntegrationTest {

    private static final String SKU = "GSK-106";
    private static final int STOCK = 1_000;
    private static final int ORDERS_PER_SHOPPER = 15;
    private static final String XCART_TOKEN = BridgeSystem.devAvailabilityToken("xcart");
    private static final String CLARITY_TOKEN = "clarity-availability-token-from-the-environment";

    @RegisterExtension
    static final RunningBridge bridge = RunningBridge.withSettings(Map.of(
            "BRIDGE_STORE_CLARITY_AVAILABILITY_TOKEN", CLARITY_TOKEN));

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void shouldAnswerP21StockMinusEveryOrderedUnitWhileOrdersArePlacedAtOnceInBothStores() throws Exception {
        setP21Stock(STOCK);
        Await.until("the API and both stores show P21's stock", Duration.ofSeconds(90),
                () -> available("xcart", XCART_TOKEN) == STOCK && amount(bridge.system().xcart()) == STOCK
                        && amount(bridge.system().clarity()) == STOCK,
                () -> "API " + available("xcart", XCART_TOKEN) + ", X-Cart " + amount(bridge.system().xcart())
                        + ", Clarity " + amount(bridge.system().clarity()));

        AtomicInteger ordered = new AtomicInteger();
        AtomicInteger orders = new AtomicInteger();
        ExecutorService shoppers = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (StorefrontSimulator store : List.of(bridge.system().xcart(), bridge.system().clarity(),
                    bridge.system().xcart(), bridge.system().clarity())) {
                done.add(shoppers.submit(() -> {
                    for (int i = 0; i < ORDERS_PER_SHOPPER; i++) {
                        int quantity = 1 + i % 5;
                        List<String> placed = store.checkout(CheckoutRequest.ofSku(1, SKU, quantity).withRates(0.0, 0));
                        ordered.addAndGet(quantity * placed.size());
                        orders.addAndGet(placed.size());
                    }
                    return null;
                }));
            }
            for (Future<?> shopper : done) {
                shopper.get();
            }
        } finally {
            shoppers.shutdownNow();
        }
        assertThat(orders.get()).isEqualTo(4 * ORDERS_PER_SHOPPER);
        int expected = STOCK - ordered.get();

        // both stores ask, each with its own token, and see the same level
        Await.until("the API counts every ordered unit", Duration.ofSeconds(60),
                () -> available("xcart", XCART_TOKEN) == expected && available("clarity", CLARITY_TOKEN) == expected,
                () -> "API " + available("xcart", XCART_TOKEN) + ", expected " + STOCK + " - " + ordered.get());

        // P21 allocates the orders; the reservations give way to the allocations and the answer stays where it is
        Await.until("every order allocated in P21", Duration.ofSeconds(120), () -> p21Available() == expected,
                () -> "P21 available " + p21Available() + ", expected " + expected);
        Await.until("the API on P21's allocations", Duration.ofSeconds(60),
                () -> reserved() == 0 && available("xcart", XCART_TOKEN) == expected,
                () -> "API " + available("xcart", XCART_TOKEN) + ", reservations " + reserved());

        // one more order: how long until a cart sees it
        long placed = System.nanoTime();
        assertThat(bridge.system().xcart().checkout(CheckoutRequest.ofSku(1, SKU, 7).withRates(0.0, 0))).hasSize(1);
        Await.until("the next order counted", Duration.ofSeconds(30),
                () -> available("xcart", XCART_TOKEN) == expected - 7);
        System.out.printf("AvailabilityIntegrationTest: one order showed in the API %d ms after its checkout%n",
                (System.nanoTime() - placed) / 1_000_000);
    }

    @Test
    void shouldRefuseAWrongOrAnotherStoresTokenAndListUnknownSkus() throws Exception {
        Await.until("the levels loaded", Duration.ofSeconds(60),
                () -> get("/stores/xcart/availability?sku=" + SKU, XCART_TOKEN).statusCode() == 200);

        assertThat(get("/stores/xcart/availability?sku=" + SKU, XCART_TOKEN + "-wrong").statusCode()).isEqualTo(401);
        assertThat(get("/stores/xcart/availability?sku=" + SKU, CLARITY_TOKEN).statusCode()).isEqualTo(401);
        assertThat(get("/stores/xcart/availability?sku=" + SKU, null).statusCode()).isEqualTo(401);

        HttpResponse<String> answer = get("/stores/clarity/availability?sku=NO-SUCH-SKU", CLARITY_TOKEN);
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(answer.body()).path("skus").size()).isZero();
        assertThat(JSON.readTree(answer.body()).path("unknown").toString()).isEqualTo("[\"NO-SUCH-SKU\"]");
        assertThat(JSON.readTree(get("/health", null).body()).path("checks").path("availability").asText())
                .isEqualTo("UP");
    }

    private static int available(String store, String token) {
        try {
            HttpResponse<String> answer = get("/stores/" + store + "/availability?sku=" + SKU, token);
            if (answer.statusCode() != 200) {
                return -answer.statusCode();
            }
            JsonNode skus = JSON.readTree(answer.body()).path("skus");
            return skus.isEmpty() ? -1 : skus.get(0).path("available").asInt();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + bridge.system().ingress().port() + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int amount(StorefrontSimulator store) {
        return read(store.url() + "/sim/products/" + SKU).path("amount").asInt();
    }

    /** P21's first location gets the whole stock, every other none. */
    private static void setP21Stock(int units) throws Exception {
        JsonNode rows = read(bridge.system().p21().url() + "/sim/inventory/" + SKU);
        assertThat(rows.size()).isPositive();
        for (int i = 0; i < rows.size(); i++) {
            HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(
                            URI.create(bridge.system().p21().url() + "/sim/inventory"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("item_id", SKU,
                            "location_id", rows.get(i).path("location_id").asText(),
                            "qty_on_hand", i == 0 ? units : 0))))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(answer.body()).isBetween(200, 299);
        }
    }

    private static int p21Available() {
        int available = 0;
        for (JsonNode row : read(bridge.system().p21().url() + "/sim/inventory/" + SKU)) {
            available += new BigDecimal(row.path("qty_on_hand").asText())
                    .subtract(new BigDecimal(row.path("qty_allocated").asText())).intValue();
        }
        return available;
    }

    /** The units the latest canonical level of the SKU reserves, read from the topic as a storefront-sink would. */
    private static int reserved() {
        ConfluentAvroDeserializer<InventoryLevel> levels = new ConfluentAvroDeserializer<>(
                new SchemaRegistryClient(bridge.system().registry().url()), InventoryLevel.class);
        InventoryLevel latest = null;
        for (ConsumerRecord<String, byte[]> record : TopicReader.readToEnd(bridge.system().kafkaBootstrap(),
                Topics.CANONICAL_INVENTORY.name(), Duration.ofSeconds(10))) {
            if (SKU.equals(record.key()) && record.value() != null) {
                latest = levels.deserialize(record.topic(), record.value());
            }
        }
        return latest == null ? -1 : latest.getReserved().intValue();
    }

    private static JsonNode read(String url) {
        try {
            return JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
