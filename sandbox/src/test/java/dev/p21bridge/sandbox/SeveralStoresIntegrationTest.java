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
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Several stores of one platform (issue 26, point 2): the default X-Cart store {@code xcart} (an installation of
 * today), a second X-Cart store {@code ca} added beside it with its own P21 taker and locations, and the Clarity store,
 * each with its own simulator, webhook path and secret. Both X-Cart simulators number their orders alike, so the same
 * order id arrives from both stores: two P21 orders, each with its store's defaults, each shipped back to its own
 * store only. Stock reaches each X-Cart store by its own location set.
 */
@Tag("integration")
@ExtendWith(KafkaBrokerExtension.class)
class SeveralStoresIntegrationTest {

    private static final int ORDERS_PER_STORE = 40;

    @RegisterExtension
    static final RunningBridge bridge = RunningBridge.withSettings(Map.of(
            "BRIDGE_STORES", "xcart:xcart,ca:xcart,clarity:clarity",
            "BRIDGE_STORE_CA_P21_TAKER", "WEB-CA", "BRIDGE_STORE_CA_P21_SALES_LOCATION", "20",
            "BRIDGE_STORE_CA_P21_SOURCE_LOCATION", "20",
            "BRIDGE_STORE_XCART_STOCK_LOCATIONS", "10", "BRIDGE_STORE_CA_STOCK_LOCATIONS", "20",
            "BRIDGE_RISK_SCORING", "off"));

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void shouldMakeTheSameOrderIdOfTwoStoresTwoP21OrdersEachWithItsStoresDefaultsAndShipEachToItsStore()
            throws Exception {
        StorefrontSimulator us = bridge.system().store("xcart");
        StorefrontSimulator ca = bridge.system().store("ca");
        List<String> usIds = us.checkout(CheckoutRequest.of(ORDERS_PER_STORE));
        List<String> caIds = ca.checkout(CheckoutRequest.of(ORDERS_PER_STORE));
        List<String> clarityIds = bridge.system().clarity().checkout(CheckoutRequest.of(ORDERS_PER_STORE));
        Set<String> shared = new HashSet<>(usIds);
        shared.retainAll(caIds);
        assertThat(shared).as("order ids both X-Cart stores used").hasSize(ORDERS_PER_STORE);

        List<String> expected = new ArrayList<>();
        usIds.forEach(id -> expected.add("xcart:" + id));
        caIds.forEach(id -> expected.add("ca:" + id));
        clarityIds.forEach(id -> expected.add("clarity:" + id));
        Await.until("every order of the three stores in P21", Duration.ofMinutes(3),
                () -> perReference().keySet().containsAll(expected),
                () -> expected.stream().filter(key -> !perReference().containsKey(key)).count() + " not in P21 yet");

        Map<String, List<P21Order>> inP21 = perReference();
        for (String key : expected) {
            assertThat(inP21.get(key)).as("P21 orders of %s", key).hasSize(1);
        }
        String id = shared.iterator().next();
        P21Order usOrder = inP21.get("xcart:" + id).get(0);
        P21Order caOrder = inP21.get("ca:" + id).get(0);
        assertThat(caOrder.orderNo()).isNotEqualTo(usOrder.orderNo());
        assertThat(caOrder.taker()).isEqualTo("WEB-CA");
        assertThat(caOrder.salesLocId()).isEqualTo(20);
        assertThat(caOrder.sourceLocId()).isEqualTo(20);
        assertThat(usOrder.taker()).isEqualTo("WEB");
        assertThat(usOrder.sourceLocId()).isEqualTo(10);

        // P21 ships the Canadian order: its tracking number reaches the Canadian store, not the US one's same id
        post(bridge.system().p21().url() + "/sim/shipments", "{\"order_no\":\"" + caOrder.orderNo()
                + "\",\"carrier_id\":\"UPS\",\"tracking_no\":\"1ZCA0000000000001\"}");
        Await.until("the Canadian store shows its order shipped", Duration.ofSeconds(30),
                () -> ca.order(id).orElseThrow().trackingNumbers().contains("1ZCA0000000000001"),
                () -> "ca order " + id + ": " + ca.order(id).orElseThrow().status());
        assertThat(us.order(id).orElseThrow().trackingNumbers()).isEmpty();
    }

    @Test
    void shouldSendEachXCartStoreTheStockOfItsOwnLocations() throws Exception {
        List<SimCatalog.Item> items = SimCatalog.items();
        String sku = items.get(items.size() - 1).sku();
        setStock(sku, "10", 7);
        setStock(sku, "20", 13);
        StorefrontSimulator us = bridge.system().store("xcart");
        StorefrontSimulator ca = bridge.system().store("ca");

        Await.until("each store at its locations' stock", Duration.ofSeconds(60),
                () -> amount(us, sku) == available(sku, "10") && amount(ca, sku) == available(sku, "20")
                        && amount(bridge.system().clarity(), sku) == available(sku, "10") + available(sku, "20"),
                () -> "P21 10: " + available(sku, "10") + ", 20: " + available(sku, "20") + "; xcart "
                        + amount(us, sku) + ", ca " + amount(ca, sku) + ", clarity "
                        + amount(bridge.system().clarity(), sku));
        assertThat(amount(us, sku)).isNotEqualTo(amount(ca, sku));
    }

    private static Map<String, List<P21Order>> perReference() {
        Map<String, List<P21Order>> orders = new HashMap<>();
        bridge.system().p21().orders().forEach(order ->
                orders.computeIfAbsent(order.webReferenceNo(), key -> new ArrayList<>()).add(order));
        return orders;
    }

    private static int amount(StorefrontSimulator storefront, String sku) {
        return storefront.product(sku).orElseThrow().amount();
    }

    /** On hand minus allocated at one P21 location. */
    private static int available(String sku, String location) {
        JsonNode rows;
        try {
            rows = JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(bridge.system().p21().url()
                    + "/sim/inventory/" + sku)).GET().build(), HttpResponse.BodyHandlers.ofString()).body());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        for (JsonNode row : rows) {
            if (row.get("location_id").asText().equals(location)) {
                return new BigDecimal(row.get("qty_on_hand").asText())
                        .subtract(new BigDecimal(row.get("qty_allocated").asText())).intValue();
            }
        }
        return 0;
    }

    private static void setStock(String sku, String location, int onHand) throws Exception {
        post(bridge.system().p21().url() + "/sim/inventory", "{\"item_id\":\"" + sku + "\",\"location_id\":\""
                + location + "\",\"qty_on_hand\":\"" + onHand + "\"}");
    }

    private static void post(String url, String body) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
    }
}
