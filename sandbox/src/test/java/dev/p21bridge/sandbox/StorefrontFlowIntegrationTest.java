package dev.p21bridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.p21bridge.simulators.catalog.SimCatalog;
import dev.p21bridge.simulators.p21.P21Order;
import dev.p21bridge.simulators.storefront.CheckoutRequest;
import dev.p21bridge.simulators.storefront.StorefrontSimulator;
import dev.p21bridge.testing.Await;
import dev.p21bridge.testing.KafkaBrokerExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * P21 back to the storefronts, end to end: the poller reads P21's changes, the transformer makes them canonical, the
 * storefront-sink writes them to both storefront simulators.
 */
@Tag("integration")
@ExtendWith(KafkaBrokerExtension.class)
class StorefrontFlowIntegrationTest {

    @RegisterExtension
    static final RunningBridge bridge = RunningBridge.withSettings(Map.of());

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void shouldShowAStockChangeInP21OnBothStorefrontsWithinFiveSeconds() throws Exception {
        String sku = "WSH-0375-Z";
        // the first start loads P21's stock in full; wait until the storefronts hold it before changing it
        Await.until(Duration.ofSeconds(60), () -> amount(bridge.system().xcart(), sku) == p21Available(sku)
                && amount(bridge.system().clarity(), sku) == p21Available(sku),
                () -> "P21 " + p21Available(sku) + ", X-Cart " + amount(bridge.system().xcart(), sku));
        Instant changed = Instant.now();
        setStock(sku, "10", 4321);
        int expected = p21Available(sku);
        Await.until(Duration.ofSeconds(5), () -> amount(bridge.system().xcart(), sku) == expected
                && amount(bridge.system().clarity(), sku) == expected,
                () -> "P21 " + expected + ", X-Cart " + amount(bridge.system().xcart(), sku)
                        + ", Clarity " + amount(bridge.system().clarity(), sku));
        assertThat(Duration.between(changed, Instant.now())).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void shouldMarkStorefrontOrdersShippedWithTheirTrackingNumbers() throws Exception {
        String xcartOrder = bridge.system().xcart().checkout(CheckoutRequest.of(1).withRates(0.0, 0)).get(0);
        String clarityOrder = bridge.system().clarity().checkout(CheckoutRequest.of(1).withRates(0.0, 0)).get(0);
        P21Order inXCart = awaitP21Order("xcart:" + xcartOrder);
        P21Order inClarity = awaitP21Order("clarity:" + clarityOrder);

        ship(inXCart.orderNo(), "UPS", "1Z999AA10123456784");
        ship(inClarity.orderNo(), "FEDEX", "7712 3456 7890");

        Await.until(Duration.ofSeconds(15), () -> {
            var order = bridge.system().xcart().order(xcartOrder).orElseThrow();
            return order.status().equals("S") && order.trackingNumbers().contains("1Z999AA10123456784");
        }, () -> "X-Cart order " + bridge.system().xcart().order(xcartOrder).orElseThrow().status());
        Await.until(Duration.ofSeconds(15), () -> {
            var order = bridge.system().clarity().order(clarityOrder).orElseThrow();
            return order.status().equals("Shipped") && order.trackingNumbers().contains("7712 3456 7890");
        }, () -> "Clarity order " + bridge.system().clarity().order(clarityOrder).orElseThrow().status());
    }

    @Test
    void shouldLeaveBothStorefrontsAtP21sFinalLevelsAfterTenThousandChangesOverTwoHundredSkus() throws Exception {
        List<String> skus = SimCatalog.items().stream().skip(SimCatalog.sampleItems().size()).limit(200)
                .map(SimCatalog.Item::sku).toList();
        Await.until(Duration.ofSeconds(60), () -> skus.stream().allMatch(sku -> amount(bridge.system().xcart(), sku)
                        == p21Available(sku) && amount(bridge.system().clarity(), sku) == p21Available(sku)),
                () -> "the storefronts do not hold P21's first levels yet");
        Map<String, Long> xcartBefore = bridge.system().xcart().calls().counts().perSku();
        Map<String, Long> clarityBefore = bridge.system().clarity().calls().counts().perSku();

        ExecutorService users = Executors.newFixedThreadPool(8);
        List<Future<?>> changes = new ArrayList<>();
        for (int change = 0; change < 10_000; change++) {
            String sku = skus.get(change % skus.size());
            int onHand = 1_000 + change;
            changes.add(users.submit(() -> {
                setStock(sku, "10", onHand);
                return null;
            }));
        }
        for (Future<?> change : changes) {
            change.get(2, TimeUnit.MINUTES);
        }
        users.shutdown();

        Await.until(Duration.ofSeconds(60), () -> skus.stream().allMatch(sku -> amount(bridge.system().xcart(), sku)
                        == p21Available(sku) && amount(bridge.system().clarity(), sku) == p21Available(sku)),
                () -> skus.stream().filter(sku -> amount(bridge.system().xcart(), sku) != p21Available(sku)).count()
                        + " SKUs differ on X-Cart");
        for (String sku : skus) {
            long xcartCalls = bridge.system().xcart().calls().counts().perSku().getOrDefault(sku, 0L)
                    - xcartBefore.getOrDefault(sku, 0L);
            long clarityCalls = bridge.system().clarity().calls().counts().perSku().getOrDefault(sku, 0L)
                    - clarityBefore.getOrDefault(sku, 0L);
            // 50 changes per SKU arrive in the few 2 s polls the burst spans; each poll is at most one call
            assertThat(xcartCalls).as("X-Cart calls for " + sku).isBetween(1L, 10L);
            assertThat(clarityCalls).as("Clarity calls for " + sku).isBetween(1L, 10L);
        }
    }

    private static int amount(StorefrontSimulator storefront, String sku) {
        return storefront.product(sku).orElseThrow().amount();
    }

    /** On hand minus allocated over every location, as P21 itself counts it right now. */
    private static int p21Available(String sku) {
        JsonNode rows = get(bridge.system().p21().url() + "/sim/inventory/" + sku);
        int available = 0;
        for (JsonNode row : rows) {
            available += new java.math.BigDecimal(row.get("qty_on_hand").asText())
                    .subtract(new java.math.BigDecimal(row.get("qty_allocated").asText())).intValue();
        }
        return available;
    }

    /**
     * Sets stock as a P21 user would; sent again once when the connection closed before an answer (the JDK client
     * may pick a kept-alive connection the server is closing, under 8 senders x 10,000 requests). Setting a level is
     * idempotent, so a second send changes nothing twice.
     */
    private static void setStock(String sku, String location, int onHand) throws Exception {
        String body = "{\"item_id\":\"" + sku + "\",\"location_id\":\"" + location + "\",\"qty_on_hand\":\""
                + onHand + "\"}";
        try {
            post(bridge.system().p21().url() + "/sim/inventory", body);
        } catch (java.io.IOException closedBeforeAnswer) {
            post(bridge.system().p21().url() + "/sim/inventory", body);
        }
    }

    private static void ship(String orderNo, String carrier, String tracking) throws Exception {
        post(bridge.system().p21().url() + "/sim/shipments",
                "{\"order_no\":\"" + orderNo + "\",\"carrier_id\":\"" + carrier + "\",\"tracking_no\":\"" + tracking + "\"}");
    }

    private static P21Order awaitP21Order(String reference) throws InterruptedException {
        Await.until(Duration.ofSeconds(30), () -> bridge.system().p21().orders().stream()
                .anyMatch(o -> o.webReferenceNo().equals(reference)));
        return bridge.system().p21().orders().stream().filter(o -> o.webReferenceNo().equals(reference))
                .findFirst().orElseThrow();
    }

    private static void post(String url, String body) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
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
